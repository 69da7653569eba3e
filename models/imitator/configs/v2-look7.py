# The look of session 9 (branch chroma: skin undertone became the skin's chroma, so renders reach the photos' skin
# colours). v2-look4.py's recipe, warm-started from look5's released model: the change is a smooth recolouring of
# the skin, so what it learned of shape holds. Dataset regenerated from the new look (seed 7, 20k). About 30 minutes
# on one loaded core.
# Run: imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py (this file overrides).
dataset = '.work/dataset-rig2-s7'
out_dir = '.work/imitator-rig2-look7'
init_from = '.work/imitator-rig2-look5/ckpt.pt'
max_minutes = 30

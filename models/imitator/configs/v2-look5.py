# The look of session 8 (branch look5: relaxed brows and open eyes, facial hair that reads as hair, women's faces).
# v2-look4.py's recipe, warm-started from its released model as look4 was from look3: the change is local to the
# brows, eyes, lips and facial hair, so most of what it learned holds. Dataset regenerated from the merged look
# (seed 5, 20k). About 30 minutes on one loaded core.
# Run: imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look5.py (this file overrides).
dataset = '.work/dataset-rig2-s5'
out_dir = '.work/imitator-rig2-look5'
init_from = '.work/imitator-rig2-look4/ckpt.pt'
max_minutes = 30

# NOT RELEASED (London gender_agree 0.71, the release's stage 2 0.88; see cards/translator.md). Engine v2, stage 2
# after v5.py: v4.py's recipe (the paper's identity, content and
# landmark losses through the frozen imitator on the train photos) from stage 1 v5.py, through the imitator
# released with the current look (models/.work/imitator-rig2-look2: the released imitator.onnx's checkpoint).
# Run: translator.train translator/configs/v3.py translator/configs/v5.py translator/configs/v4.py translator/configs/v6.py
# (from a worktree: --imitator_ckpt=/work/main/models/.work/imitator-rig2-look2/ckpt.pt)
imitator_ckpt = '.work/imitator-rig2-look2/ckpt.pt'
init_from = '.work/translator-v5s1/best.pt'
out_dir = '.work/translator-v6'
imitator_styles = False  # the style head stays stage 1's (see train.py)

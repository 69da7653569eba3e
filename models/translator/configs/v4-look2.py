# Engine v2, stage 2 of the third release (the one released, 2026-12-01 b): v4.py's recipe (the paper's identity,
# content and landmark losses on the train photos, through the frozen imitator) through the imitator of the current
# look (models/.work/imitator-rig2-look2, the released imitator.onnx's checkpoint), from the same stage 1 (v3.py).
# Run: translator.train translator/configs/v3.py translator/configs/v4.py translator/configs/v4-look2.py
# (from a worktree: --imitator_ckpt=/work/main/models/.work/imitator-rig2-look2/ckpt.pt)
imitator_ckpt = '.work/imitator-rig2-look2/ckpt.pt'
out_dir = '.work/translator-v5'

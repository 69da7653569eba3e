# Replaced within session 7 by v14.py (see cards/translator.md). Engine v2, stage 2 of a fourth-release candidate: v4.py's recipe (the paper's identity, content and landmark losses on the
# train photos through the frozen imitator) from stage 1 v7.py, through the imitator of the current look
# (models/.work/imitator-rig2-look3: the released imitator.onnx's checkpoint, release 2026-12-01 d).
# Run: translator.train translator/configs/v3.py translator/configs/v7.py translator/configs/v4.py translator/configs/v8.py
# (from a worktree: --imitator_ckpt=/work/main/models/.work/imitator-rig2-look3/ckpt.pt)
imitator_ckpt = '.work/imitator-rig2-look3/ckpt.pt'
init_from = '.work/translator-v7s1/best.pt'
out_dir = '.work/translator-v8'

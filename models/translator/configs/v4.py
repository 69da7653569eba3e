# Engine v2, stage 2 of the second release (the one released): stage 1 (v3.py, its best.pt) fine-tuned with the
# paper's losses on the real train photos through the frozen v2 imitator (identity by MobileFace on the imitator's
# render, part-weighted content, the landmark head; imitator/refine.py), targets by translator/photo-targets.ts,
# while the render loopback and the pseudo-label terms go on. The identity judges of `eval likeness` (FaceRes, dlib)
# are never used here. Run after v3.py on the command line: translator.train translator/configs/v3.py
# translator/configs/v4.py (this file overrides).
# the lead's v2 imitator run (from a worktree: --imitator_ckpt=/work/main/models/.work/imitator-rig2/ckpt.pt)
imitator_ckpt = '.work/imitator-rig2/ckpt.pt'
imitator_weight = 0.2
imitator_batch = 16
init_from = '.work/translator-v3/best.pt'
out_dir = '.work/translator-v4'
learning_rate = 3e-4
min_lr = 3e-5
warmup_iters = 50
max_iters = 1200
eval_interval = 100

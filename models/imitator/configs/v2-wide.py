# A sharper generator: 32 channels (was 16) at the 64 and 128 px layers, where eyes, brows and glasses are drawn.
# Warm-started from the released current-look model (configs/v2-look2.py) by Net2WiderNet (model.widen_from), so
# it starts at the release's quality and only has to learn the detail; identity weight doubled because the
# held-out recogniser's likeness (id_cos_eval, FaceRes) is the figure the release misses. About 85 minutes on one
# loaded CPU core.
dataset = '.work/dataset-rig2-s2'
out_dir = '.work/imitator-rig2-wide'
init_from = '.work/imitator-rig2-look2/ckpt.pt'
min_channels = 32
learning_rate = 3e-4  # low: at ~10 img/s on a shared core a 1e-3 restart spends the whole budget recovering from its own jolt
min_lr = 3e-5
max_minutes = 85
batch_size = 32
eval_interval = 250
id_weight = 0.2
val_count = 512
max_iters = 12000

# The look of session 7 (eyes, brows and lips of branch look4; women's read of branch womenread). Warm-started from
# the released look3 model (configs/v2-look3.py): the change is local to the eyes, brows, lips and hair, so most of
# what it learned holds. Dataset regenerated from the merged look (seed 4, 20k). About 35 minutes on one loaded core.
dataset = '.work/dataset-rig2-s4'
out_dir = '.work/imitator-rig2-look4'
init_from = '.work/imitator-rig2-look3/ckpt.pt'
min_channels = 32
learning_rate = 3e-4  # low: a 1e-3 restart on a shared core spends the budget recovering from its own jolt
min_lr = 3e-5
max_minutes = 35
batch_size = 32
eval_interval = 250
id_weight = 0.2
val_count = 512
max_iters = 8000

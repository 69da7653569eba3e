# The current look (session 6: open resting lids, a fine lash line, brows hair by hair and painted by sex, natural
# lip colour on dark skin; the prior's women draw styles that read as a woman's from the front). Warm-started from
# the released wide model (configs/v2-wide.py): the look change is local to eyes, brows and lips, so most of what
# it learned holds. Dataset regenerated from the merged look (seed 3, 20k). About 55 minutes on one loaded core.
dataset = '.work/dataset-rig2-s3'
out_dir = '.work/imitator-rig2-look3'
init_from = '.work/imitator-rig2-wide/ckpt.pt'
min_channels = 32
learning_rate = 3e-4  # low: a 1e-3 restart on a shared core spends the budget recovering from its own jolt
min_lr = 3e-5
max_minutes = 55
batch_size = 32
eval_interval = 250
id_weight = 0.2
val_count = 512
max_iters = 12000

# Engine v2 after the look change of af7e4ae (lips, teeth, facial hair, scalp paint): the v2 release model
# (configs/v2.py, 6,500 steps on 20k renders of the earlier look) warm-started on 24k renders of the current look,
# about 75 minutes on one loaded CPU core. Rebuild from nothing: run configs/v2.py on a dataset of the current look
# (the pipeline's default) for longer.
dataset = '.work/dataset-rig2-s2'
out_dir = '.work/imitator-rig2-look2'
init_from = '.work/imitator-rig2/ckpt.pt'
learning_rate = 1e-3  # half the from-scratch rate: a warm restart, not a new start
max_minutes = 75
batch_size = 32
eval_interval = 250
id_weight = 0.1
val_count = 512
max_iters = 8000  # an upper bound: on a shared CPU the time budget ends first, and the cosine schedule follows it

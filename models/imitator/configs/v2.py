# Engine v2 release run (rig v2, the MakeHuman head): 20k renders framed by their own alignment, about 1.5 hours
# on one loaded CPU core (the same file trains on a CUDA GPU when one is present; raise max_minutes there).
dataset = '.work/dataset-rig2-s1'
out_dir = '.work/imitator-rig2'
max_minutes = 95
batch_size = 32
eval_interval = 250
id_weight = 0.1
val_count = 512
max_iters = 8000  # an upper bound: on a shared CPU the 95-minute budget ends first, and the cosine schedule follows it

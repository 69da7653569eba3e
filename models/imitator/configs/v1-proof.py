# Engine v1 proof run: a few thousand renders, ~25 minutes on 2 loaded CPU cores. Not the release training.
dataset = '.work/dataset-v1'
out_dir = '.work/imitator-v1'
max_minutes = 25
batch_size = 32
eval_interval = 100
id_weight = 0.1
max_iters = 2600  # ~25 min at ~55 img/s (measured at load ~5); the cosine schedule ends here

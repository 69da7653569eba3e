# The CI smoke run (tests/test_imitator_e2e.py): a tiny network, a few steps on the committed fixture dataset.
base = 32
min_channels = 8
landmark_hidden = 64
batch_size = 8
max_iters = 40
eval_interval = 20
val_count = 8
learning_rate = 3e-3
id_weight = 0.1
id_batch = 2

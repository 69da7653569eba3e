# CI smoke run: a few hundred steps on a tiny dataset (tests/test_translator_e2e.py).
val_count = 20
max_iters = 150
eval_interval = 75
batch_size = 32
width = 64
hidden = 96
learning_rate = 3e-3
warmup_iters = 10

# Engine v2 release run (rig v2): the lead's 20k-sample dataset (features by translator/features.ts), loopback
# loss on renders only (no imitator losses yet), about 15 min on one loaded CPU core.
features = '.work/features-rig2-s1'
out_dir = '.work/translator-v2'
val_count = 1000
max_iters = 8000
eval_interval = 500

# Engine v2 release run (rig v2): the lead's 20k-sample dataset (features by translator/features.ts), loopback
# loss on renders only (no imitator losses yet), augmented toward the train-split photos' feature statistics
# (translator/photo-features.ts); about 5-15 min on one loaded CPU core.
features = '.work/features-rig2-s1'
photo_features = '.work/photo-features'
out_dir = '.work/translator-v2b'
val_count = 1000
max_iters = 5000
eval_interval = 250
dropout = 0.2
weight_decay = 0.01

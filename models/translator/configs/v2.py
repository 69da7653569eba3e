# Engine v2 release run (rig v2): the lead's 20k-sample dataset (features by translator/features.ts), loopback
# loss on renders only (no imitator losses yet); every render embedding re-coloured (CORAL) to the mean and
# covariance of the train-split photos' embeddings (translator/photo-features.ts), the best held-out checkpoint
# (best.pt) is released. About 5 min on one loaded CPU core.
features = '.work/features-rig2-s1'
photo_features = '.work/photo-features'
out_dir = '.work/translator-v2d'
val_count = 1000
max_iters = 3000
eval_interval = 250
dropout = 0.2
weight_decay = 0.01
coral = 1.0

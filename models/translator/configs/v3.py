# Engine v2, stage 1 of the second release: v2.py (loopback on the 20k renders, CORAL toward the train photos) plus
# the real train photos with pseudo-labels made from their own features (translator/photo_labels.py: no photo label
# is read): the gender slider toward the pseudo-gender, and the style head (only; the trunk is not moved by it) into
# option sets that read as that gender, each weighted by the label's confidence. 90 % of the photos train, 10 % are
# held out. Stage 2 (v4.py) fine-tunes this with the imitator's losses on the same photos.
features = '.work/features-rig2-s1'
photo_features = '.work/photo-features'
photo_labels = '.work/photo-features/labels.npz'
photo_terms = 'gender,styles'
out_dir = '.work/translator-v3'
val_count = 1000
max_iters = 3000
eval_interval = 250
dropout = 0.2
weight_decay = 0.01
coral = 1.0

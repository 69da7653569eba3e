# RELEASED (fourth release, with v14.py). Engine v2, stage 1 of session 7's look with the released pseudo-labels
# (labels.npz, 0.841 agreement): v11.py without the better pseudo-gender, to tell the label change from the look change. Stage 2: v14.py.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
photo_labels = '.work/photo-features/labels.npz'
out_dir = '.work/translator-v13s1'

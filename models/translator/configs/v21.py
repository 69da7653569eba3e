# NOT RELEASED (London, without the gender read: translator gender_agree 0.941 but top1 0.216, refined top1 0.279 and
# gender 0.912, vs the release 0.922 / 0.235 / 0.304 / 0.931; the same labels ship as gender-read.onnx instead).
# Engine v2, stage 1 of session 11: the released recipe (v19.py) with self-trained pseudo-gender
# (translator/photo_labels.py --shape-components 5 --colour-components 5 --self-train 5: the mixture on the embedding,
# face shape and part colours, then five rounds of logistic relabelling on a richer view of the same features;
# agreement with the train split's gender column, reported only, 0.909, the released labels' 0.841). Stage 2: v22.py.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v19.py translator/configs/v21.py
photo_labels = '.work/photo-features/labels-v3.npz'
out_dir = '.work/translator-v21s1'

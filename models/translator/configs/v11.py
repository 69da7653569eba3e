# NOT RELEASED as is (London translator gender_agree 0.833: see cards/translator.md); v13.py, the released stage 1,
# overrides its labels.
# Engine v2, stage 1 of session 7's look: v7.py on renders of session 7's look (models/.work/dataset-rig2-s4, the
# imitator release of imitator/configs/v2-look4.py's data), with the better pseudo-gender of v5.py (the embedding's
# top 20 components clustered with the face shape's top 5 and the part colours' top 5: agreement with the train
# split's gender column, reported only, 0.900 against 0.841). Why now: on the merged look the translator's gender
# slider is the main reason women's characters read as men (22 of 79 TRAIN women got a man's slider; docs/likeness.md
# "Why women's characters read as men"). Stage 2 is v12.py (it trains the style head, unlike v6.py).
# Labels: translator.photo_labels ... --out .work/photo-features/labels-v2.npz --shape-components 5 --colour-components 5
# Run: translator.train translator/configs/v3.py translator/configs/v11.py
features = '.work/features-rig2-s4'
photo_labels = '.work/photo-features/labels-v2.npz'
out_dir = '.work/translator-v11s1'

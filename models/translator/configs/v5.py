# NOT RELEASED (its stage 2, v6.py, lost gender agreement). Engine v2, stage 1: v3.py with the better pseudo-gender (translator/photo_labels.py now
# clusters the embedding's top 20 components together with the face shape's top 5 and the part colours' top 5:
# agreement with the index's gender column, reported only, 0.900, was 0.841; women recalled 0.84, was 0.72).
# Stage 2 is v6.py. Run: translator.train translator/configs/v3.py translator/configs/v5.py
photo_labels = '.work/photo-features/labels-v2.npz'  # translator.photo_labels ... --shape-components 5 --colour-components 5
out_dir = '.work/translator-v5s1'

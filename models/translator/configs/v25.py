# Session 18: v23 (the released stage 2: the imitator's terms and dlib's identity on the train photos) with half of
# each batch's photos as a degraded copy (train.py photo_aug; translator/photo-augment.ts: fewer pixels, exposure,
# white balance, JPEG), so that a poor phone photo of a person asks for the same character as a good one.
# Needs .work/photo-features/photo-features-aug.npy: npx tsx translator/photo-features.ts --faces ../../shared/faces
# --out DIR --augment 3, then copy DIR/photo-features-aug.npy there (its clean rows are photo-features.npy's).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v19.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py
# translator/configs/v20.py translator/configs/v23.py translator/configs/v25.py [--seed=N --out_dir=...]
photo_aug = 0.5
out_dir = '.work/translator-v25'

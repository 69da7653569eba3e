# Measured, not released (docs/likeness.md "Session 55"): worse than the ninth release on clean and degraded photos.
# Session 55: the ninth release's stage 2 (v54.py: through the imitator fine-tuned on today's look) with session
# 18's degraded photo copies (v25.py: half of each batch's train photos as one of three poorer copies: fewer pixels,
# exposure, white balance, JPEG), so that a phone photo asks for the character a studio photo of the person does.
# Needs .work/photo-features/photo-features-aug.npy: npx tsx translator/photo-features.ts --faces
# ../../shared/faces --out DIR --augment 3, then copy DIR/photo-features-aug.npy there (its clean rows are
# photo-features.npy's).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py \
#      translator/configs/v54s1.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py \
#      translator/configs/v20.py translator/configs/v23.py translator/configs/v54.py translator/configs/v55.py \
#      [--seed=2 --out_dir=...]
photo_aug = 0.5
out_dir = '.work/translator-v55'

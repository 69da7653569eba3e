# Session 27: stage 1 (renders only) on today's look: dataset-rig2-s8 (20,000 renders, seed 8; the data of the
# look8 imitator, imitator/configs/v2-look8.py). The sixth release's recipe otherwise.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py \
#      translator/configs/v27s1.py
features = '.work/features-rig2-s8'
out_dir = '.work/translator-v27s1'

# Session 53: stage 1 (renders only) on today's look: dataset-rig2-s9 (20,000 renders, seed 9, made with
# `dataset/generate.ts --detail`: the plausible half carries the dice's random skin detail, as every photo-made
# character carries its photo's). Twenty-five sessions of look changed what a render shows since the eighth
# release's data (seed 8): skin detail, lashes, brows, the evener studio light. The eighth release's recipe otherwise.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py \
#      translator/configs/v53s1.py
features = '.work/features-rig2-s9'
out_dir = '.work/translator-v53s1'

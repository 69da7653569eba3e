# NOT RELEASED (session 20, docs/likeness.md "Session 20"): London translator gender 0.961 -> 0.922 and top5
# 0.520 -> 0.471 against the release; kept as the measured recipe.
# Session 19: v25 (degraded photo copies) with the photos' pseudo-gender relabelled in dlib's view
# (translator/dlib_labels.py from labels.npz: 0.841 -> 0.953 agreement with the train split's gender column, checked
# only), the labels the creator's gender read is fitted to, so that the translator's gender slider and the styles
# that follow it (train.py STYLE_SETS) learn the better labels too. Stage 2 only: stage 1 stays v19s1.
# Needs: npx tsx translator/photo-dlib.ts --faces ../../shared/faces --photos .work/photo-features, then
# python -m translator.dlib_labels --photos .work/photo-features --labels .work/photo-features/labels.npz
#     --out .work/photo-features/labels-dlib.npz
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v19.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py
# translator/configs/v20.py translator/configs/v23.py translator/configs/v25.py translator/configs/v26.py
photo_labels = '.work/photo-features/labels-dlib.npz'
out_dir = '.work/translator-v26'

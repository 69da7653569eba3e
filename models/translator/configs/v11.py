# Engine v2, stage 1 of the fifth release: v7.py on renders of session 7's look (models/.work/dataset-rig2-s4, the
# imitator release of imitator/configs/v2-look4.py's data). Stage 2 is v12.py.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py
features = '.work/features-rig2-s4'
out_dir = '.work/translator-v11s1'

# Engine v2, stage 1 of session 9's look (skin undertone as chroma): the released recipe (v3.py, v11.py, v13.py:
# loopback on the renders, CORAL toward the train photos, the released pseudo-labels) on renders of the new look
# (models/.work/dataset-rig2-s7). Stage 2: v20.py.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py translator/configs/v19.py
features = '.work/features-rig2-s7'
out_dir = '.work/translator-v19s1'

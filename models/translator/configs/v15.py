# Engine v2, stage 1 of session 8's look (branch look5): the released recipe (v3.py, v11.py, v13.py: loopback on the
# renders, CORAL toward the train photos, the released pseudo-labels) on renders of the new look
# (models/.work/dataset-rig2-s5). Stage 2: v16.py.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py translator/configs/v15.py
features = '.work/features-rig2-s5'
out_dir = '.work/translator-v15s1'

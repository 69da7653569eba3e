# Replaced within session 7 by v13.py/v14.py (see cards/translator.md). Engine v2, stage 1 of a fourth-release candidate: v3.py's recipe (render loopback with CORAL toward the train photos, plus
# the train photos' pseudo-labels) on renders of the current look (session 6's look3: models/.work/dataset-rig2-s3,
# the imitator release 2026-12-01 d's data). Stage 2 is v8.py.
# Run: translator.train translator/configs/v3.py translator/configs/v7.py
features = '.work/features-rig2-s3'
out_dir = '.work/translator-v7s1'

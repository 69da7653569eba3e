# Engine v2, stage 2 of session 13: the released recipe (v20.py: the imitator's identity, content and landmark terms
# on the train photos, from the released stage 1 v19.py) through the released imitator (rebuilt exactly by
# `python -m imitator.from_release --dataset .work/dataset-rig2-s7 --out .work/imitator-release/ckpt.pt`), plus
# dlib's identity through the same imitator (train.py dlib_weight): MobileFace, the only recogniser the translator
# learned through, is blind to the engine's ethnic macros (docs/likeness.md, session 13).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v19.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py
# translator/configs/v20.py translator/configs/v23.py
imitator_ckpt = '.work/imitator-release/ckpt.pt'
init_from = '.work/translator-v19s1/best.pt'
dlib_weight = 3.0
out_dir = '.work/translator-v23'

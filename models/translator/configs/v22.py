# NOT RELEASED (see v21.py).
# Stage 2 after v21.py (session 11's pseudo-gender): v20.py's recipe through the released imitator's checkpoint
# (rebuilt exactly by `python -m imitator.from_release --dataset .work/dataset-rig2-s7 --out .work/imitator-release/ckpt.pt`).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v19.py translator/configs/v21.py translator/configs/v4.py translator/configs/v12.py
# translator/configs/v14.py translator/configs/v20.py translator/configs/v22.py
imitator_ckpt = '.work/imitator-release/ckpt.pt'
init_from = '.work/translator-v21s1/best.pt'
out_dir = '.work/translator-v22'

# Stage 2 after v15.py, as v14.py, through the imitator of session 8's look (models/.work/imitator-rig2-look5).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v15.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py translator/configs/v16.py
imitator_ckpt = '.work/imitator-rig2-look5/ckpt.pt'
init_from = '.work/translator-v15s1/best.pt'
out_dir = '.work/translator-v16'

# Stage 2 after v19.py, as v16.py, through the imitator of session 9's look (models/.work/imitator-rig2-look7).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v19.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py translator/configs/v20.py
imitator_ckpt = '.work/imitator-rig2-look7/ckpt.pt'
init_from = '.work/translator-v19s1/best.pt'
out_dir = '.work/translator-v20'

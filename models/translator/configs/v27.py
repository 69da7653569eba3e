# Session 27: the seventh release's stage 2 (v23: dlib's identity at weight 3 beside MobileFace's) from stage 1 on
# today's look (v27s1.py), through the imitator fine-tuned on today's look (imitator/configs/v2-look8.py).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py \
#      translator/configs/v27s1.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py \
#      translator/configs/v20.py translator/configs/v23.py translator/configs/v27.py
imitator_ckpt = '.work/imitator-rig2-look8/ckpt.pt'
init_from = '.work/translator-v27s1/best.pt'
out_dir = '.work/translator-v27'

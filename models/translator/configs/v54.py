# Session 54: the eighth release's recipe on today's look, whole: stage 1 v54s1.py, then stage 2 (v23: dlib's
# identity at weight 3 beside MobileFace's) through the imitator fine-tuned on today's look (imitator/configs/
# v2-look54.py), as the eighth went through v2-look8's. Session 53's v53.py went through the released imitator.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py \
#      translator/configs/v54s1.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py \
#      translator/configs/v20.py translator/configs/v23.py translator/configs/v54.py [--seed=2 --out_dir=...]
# The ninth release (models-2026.12.07a) is translator/soup.py's mean of seeds 1 and 2 (the card's rebuild).
imitator_ckpt = '.work/imitator-rig2-look54/ckpt.pt'
init_from = '.work/translator-v54s1/best.pt'
out_dir = '.work/translator-v54'

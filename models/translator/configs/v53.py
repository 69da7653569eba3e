# Session 53: the seventh release's stage 2 (v23: dlib's identity at weight 3 beside MobileFace's, through the
# released imitator, the one refine.onnx carries) from stage 1 on today's look (v53s1.py). The eighth release went
# through an imitator fine-tuned on its look (v27.py; 75 min more, and refine through it was a worse likeness).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py \
#      translator/configs/v53s1.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py \
#      translator/configs/v20.py translator/configs/v23.py translator/configs/v53.py
imitator_ckpt = '.work/imitator-release/ckpt.pt'
init_from = '.work/translator-v53s1/best.pt'
out_dir = '.work/translator-v53'

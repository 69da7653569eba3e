# The released stage 2 (fourth release) runs this file with v13.py/v14.py on top.
# Engine v2, stage 2 of session 7's look: v8.py's recipe (the paper's identity, content and landmark losses on the
# train photos through the frozen imitator) from stage 1 v11.py, through the imitator of session 7's look
# (models/.work/imitator-rig2-look4). Run: translator.train translator/configs/v3.py translator/configs/v11.py
# translator/configs/v4.py translator/configs/v12.py
imitator_ckpt = '.work/imitator-rig2-look4/ckpt.pt'
init_from = '.work/translator-v11s1/best.pt'
out_dir = '.work/translator-v12'

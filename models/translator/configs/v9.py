# Engine v2, stage 1, more renders: v7.py on all three rig v2 datasets (64k renders: dataset-rig2-s1 and -s2 were
# drawn on earlier looks of the eyes, brows and lips, s3 on the current one and last, so the held-out renders are the
# current look's). Why: the loopback's held-out loss stopped falling on 20k renders while the training loss still
# fell; earlier looks differ only around the eyes and lips, which the features (embedding, landmarks, part colours)
# see a little. Stage 2 is v10.py.
# Run: translator.train translator/configs/v3.py translator/configs/v7.py translator/configs/v9.py
features = '.work/features-rig2-s1,.work/features-rig2-s2,.work/features-rig2-s3'
out_dir = '.work/translator-v9s1'
max_iters = 8000
eval_interval = 500

# Session 18: v23 (the released stage 2: the imitator's terms and dlib's identity on the train photos) plus refine's
# sex term toward each photo's pseudo-gender (train.py sex_weight): the photo terms train the gender slider only, and
# the retrained translators' women's characters read near the male/female boundary, where refine flipped them
# (docs/likeness.md, session 17).
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py
# translator/configs/v19.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py
# translator/configs/v20.py translator/configs/v23.py translator/configs/v24.py [--seed=N --out_dir=...]
sex_weight = 1.0
out_dir = '.work/translator-v24'

# Session 54: stage 1 (renders only) on today's look, WITHOUT skin detail: dataset-rig2-s9 made without --detail
# (session 53's first run, whose dataset drew no detail, learned the same renders as v53s1.py's path now names).
# Session 53 found that learning from renders with the dice's skin detail misreads expressions on bare targets.
# Run: translator.train translator/configs/v3.py translator/configs/v11.py translator/configs/v13.py \
#      translator/configs/v54s1.py
features = '.work/features-rig2-s9'
out_dir = '.work/translator-v54s1'

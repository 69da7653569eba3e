# Session 27: the look of session 26. The released imitator learned the engine of session 9 (dataset seed 7); since
# then the engine changed what a 128 px render shows: curls for the Afro (session 23), facial hair drawn to its
# style's shape with a full beard's volume (session 26), the iris, skin and hair colours re-measured against photos
# (sessions 10-25). Refine descends the imitator's picture of the engine, so it should be today's engine.
# The release (session 15's dlib fine-tune, rebuilt by imitator.from_release) fine-tuned on a dataset regenerated
# from today's look (seed 8, 20k), with session 15's terms and session 21's gentle restart.
# Run: imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py imitator/configs/v2-dlib.py \
#      imitator/configs/v2-look8.py
dataset = '.work/dataset-rig2-s8'
out_dir = '.work/imitator-rig2-look8'
init_from = '.work/imitator-release/ckpt.pt'
dlib_weight = 0.5
learning_rate = 1.5e-4
min_lr = 1.5e-5
warmup_iters = 100
max_minutes = 75
bn_eval = True  # the init is imitator.from_release's rebuild

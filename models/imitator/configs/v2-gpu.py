# Session 29: the first GPU run (one H200, 15 minutes of device time in all, models/imitator/device.sh). The CPU
# fine-tunes of sessions 15-27 each saw one or two epochs of 20k renders at 7-19 images/s, and every held-out curve
# was still falling; eval imitator's FaceRes cosine (id_cos_eval, >= 0.9 wanted) moved 0.816 -> 0.848 with dlib's
# identity and inner layers as terms (sessions 15, 21). Here: the same model and terms from the same start (the
# release, session 15), on 60,000 renders of today's look made on the GPU machine (seed 8: the first 20,000 are
# dataset-rig2-s8 bit for bit), with a batch of 128 and every image of it through both recognisers.
# Run (from models/): imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py \
#      imitator/configs/v2-dlib.py imitator/configs/v2-gpu.py --dataset=... --max_minutes=...
dataset = '.work/dataset-rig2-s8-60k'
out_dir = '.work/imitator-rig2-gpu'
init_from = '.work/imitator-release/ckpt.pt'
bn_eval = True  # the init is imitator.from_release's rebuild
dlib_weight = 0.5
dlib_feature_weight = 0.2
batch_size = 128
id_batch = 128
learning_rate = 3e-4  # four times session 21's batch: sqrt scaling of its 1e-4, rounded up
min_lr = 1e-5
warmup_iters = 200
eval_interval = 500
max_iters = 100000  # an upper bound: the time budget ends first and the cosine schedule follows it
max_minutes = 6

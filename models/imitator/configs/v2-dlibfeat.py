# Session 21 (trained, NOT RELEASED: id_cos_eval 0.838 -> 0.848, but refine through it reads 2 more London people as
# the other sex, gender_agree 0.941; docs/models.md): the released imitator (session 15's dlib fine-tune, rebuilt by
# imitator.from_release) fine-tuned with
# dlib's inner layers as well (train.py dlib_feature_weight, losses.feature_loss): eval imitator's id_cos_eval
# (FaceRes between G(x) and the engine's render) is 0.838 against 0.9, and the samples' eyes, brows and lips are
# soft. Same data (seed 7); the look did not change. A gentle restart (session 16's 2e-4 threw every term up first).
# Run: imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py imitator/configs/v2-dlib.py \
#      imitator/configs/v2-dlibfeat.py
out_dir = '.work/imitator-rig2-dlibfeat'
init_from = '.work/imitator-release/ckpt.pt'
dlib_weight = 0.5
dlib_feature_weight = 0.2
learning_rate = 1e-4
min_lr = 1e-5
warmup_iters = 100
max_minutes = 80
bn_eval = True  # the init is imitator.from_release's rebuild

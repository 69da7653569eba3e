# Session 16 (tried, NOT released: docs/models.md): the released imitator (session 15's dlib fine-tune, rebuilt by
# imitator.from_release) fine-tuned again, with dlib's term at twice the weight: its held-out term was still falling
# when session 15's 60 minutes ended, and refine.onnx weighs dlib's view of G(x) three times MobileFace's. Same data
# (seed 7); the look did not change.
# Run: imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py imitator/configs/v2-dlib.py \
#      imitator/configs/v2-dlib2.py
out_dir = '.work/imitator-rig2-dlib2'
init_from = '.work/imitator-release/ckpt.pt'
dlib_weight = 1.0
learning_rate = 2e-4
max_minutes = 50

# Session 54: the imitator on today's look. The released imitator learned the look of session 26 (v2-look8's
# recipe gave the eighth translator release its imitator, but refine kept the released one); twenty-five sessions
# of look changed what a 128 px render shows since (lashes, brows, the evener studio light, the skin's colour). The
# release (rebuilt by imitator.from_release) fine-tuned on seed-9 renders of today's engine WITHOUT skin detail
# (the imitator has no input for a photo's detail, so its renders must be the bare character's), v2-look8's terms.
# Run: imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py imitator/configs/v2-dlib.py \
#      imitator/configs/v2-look8.py imitator/configs/v2-look54.py
dataset = '.work/dataset-rig2-s9'
out_dir = '.work/imitator-rig2-look54'
init_from = '.work/imitator-release/ckpt.pt'
max_minutes = 70  # v2-look8 had 75; this session has the room for about that (stage 2 and the evaluations follow it)

# Session 15: the released imitator (look7, rebuilt by imitator.from_release) fine-tuned with dlib's identity as
# well. refine.onnx descends dlib's view of G(x) (session 14), and G was trained only to look like the engine to
# MobileFace: for some characters dlib's term followed G's errors, not the engine (cli/src/eval/imitator.test.ts).
# Same data as look7 (seed 7); the look did not change.
# Run: imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py imitator/configs/v2-dlib.py
out_dir = '.work/imitator-rig2-dlib'
init_from = '.work/imitator-release/ckpt.pt'
dlib_weight = 0.5
learning_rate = 2e-4
max_minutes = 60
bn_eval = True  # the init is imitator.from_release's rebuild

#!/usr/bin/env bash
# The imitator's GPU run on a bare rented machine (Python with CUDA PyTorch, no Node, no npm, nothing reachable):
# it makes its own dataset (20,000 renders are 1.4 GB, far more than travels), fine-tunes two recipes side by side
# (the GPU is far from full with one model this small), and leaves the runs' files in $OUT (at most 8 files of
# 16 MiB each come back: samples.png and curves.png are redrawn here from the checkpoints and logs).
# What it needs beside the repository, in .gpu/ (made here by `bash models/imitator/device-pack.sh`):
#   node.tar.xz  this machine's Node (bin/node)      ort.tar.xz          node_modules/onnxruntime-{node,common}
#   ckpt.pt.xz   the start (.work/imitator-release)  recognisers.tar.xz  MobileFace's and dlib's npm files
#   expect.json  sha256 of dataset-rig2-s8's first shard (the bundle must reproduce this machine's engine there)
# and models/dist (node models/dataset/bundle.mjs). Run from the repository root:
#   OUT=DIR bash models/imitator/device.sh    [COUNT=60000 GEN_S=150 WORKERS=$(nproc) BUDGET_S=560 PY=python3]
set -euo pipefail
start=$(date +%s)
COUNT=${COUNT:-60000} GEN_S=${GEN_S:-150} WORKERS=${WORKERS:-$(nproc)} BUDGET_S=${BUDGET_S:-560} PY=${PY:-python3}
OUT=${OUT:?set OUT: the folder for the files of the run} WORK=${WORK:-/tmp/facecraft-gpu}
root=$PWD
unpack() { # .tar.xz -> folder, with Python's tarfile (the machine may have no xz)
  "$PY" -c "import sys, tarfile; t = tarfile.open(sys.argv[1]); t.extractall(sys.argv[2], **({'filter': 'tar'} if hasattr(tarfile, 'tar_filter') else {}))" "$1" "$2"
}
mkdir -p "$WORK/node" "$OUT" node_modules/@facecraft models/.work/imitator-release
unpack .gpu/node.tar.xz "$WORK/node"
unpack .gpu/ort.tar.xz node_modules
unpack .gpu/recognisers.tar.xz node_modules
ln -sfn ../../shared node_modules/@facecraft/shared # import.meta.resolve('@facecraft/shared/assets/head-v2.bin')
"$PY" -c "import lzma, shutil; shutil.copyfileobj(lzma.open('.gpu/ckpt.pt.xz'), open('models/.work/imitator-release/ckpt.pt', 'wb'))"
export PATH="$WORK/node/bin:$PATH" PYTHONUNBUFFERED=1
echo "node $(node --version)"
cd models
# fail before the long steps: CUDA, and both recognisers built from their npm files
"$PY" -c "import torch; from imitator.losses import recogniser; recogniser(); recogniser('face-embedder-dlib'); print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else '')"
# the dataset, for GEN_S seconds at most: load_dataset reads the shards that were finished (each has done.json)
timeout "$GEN_S" node "$PWD/dist/generate.js" --out "$WORK/dataset" --rig 2 --count "$COUNT" --seed 8 --workers "$WORKERS" 2>&1 |
  tr '\r' '\n' | awk 'NR % 400 == 0 || /samples in|made/' | tee "$OUT/generate.log" || true
"$PY" - "$WORK/dataset" "$root/.gpu/expect.json" <<'PY' | tee -a "$OUT/generate.log"
import hashlib, json, sys
from pathlib import Path
root, expect = Path(sys.argv[1]), json.load(open(sys.argv[2]))
done = sorted(p.parent.name for p in root.glob('shard-*/done.json'))
first = root / 'shard-00000'
same = {k: hashlib.sha256((first / f'{k}.npy').read_bytes()).hexdigest() == v for k, v in expect.items()} if (first / 'done.json').exists() else 'not made'
print(f'{len(done)} shards finished; shard-00000 matches dataset-rig2-s8: {same}')
PY
left=$((BUDGET_S - ($(date +%s) - start) - 40))
minutes=$("$PY" -c "print(round(max(0.5, $left / 60), 2))")
echo "training for $minutes min" | tee -a "$OUT/generate.log"
train() { # name, flags...: one recipe into $WORK/run-name, its log into $OUT/train-name.log
  local name=$1
  shift
  "$PY" -m imitator.train imitator/configs/v2-look4.py imitator/configs/v2-look7.py imitator/configs/v2-dlib.py \
    imitator/configs/v2-gpu.py --dataset="$WORK/dataset" --out_dir="$WORK/run-$name" --max_minutes="$minutes" \
    "$@" ${TRAIN_FLAGS:-} 2>&1 | awk '/^iter/ && NR % 20 != 0 {next} {print}' >"$OUT/train-$name.log"
}
train a &
a=$!
train b --dlib_weight=1.0 --dlib_feature_weight=0.6 --id_weight=0.4 & # identity-heavy: does FaceRes follow?
b=$!
wait $a || echo "run a failed" >>"$OUT/generate.log"
wait $b || echo "run b failed" >>"$OUT/generate.log"
"$PY" - "$WORK" "$OUT" <<'PY'
import shutil, sys, torch
from pathlib import Path
work, out = Path(sys.argv[1]), Path(sys.argv[2])
for name in ('a', 'b'):
    run = work / f'run-{name}'
    if not (run / 'ckpt.pt').exists():
        continue
    ckpt = torch.load(run / 'ckpt.pt', map_location='cpu', weights_only=False)
    ckpt.pop('optimizer')  # the weights are all export needs
    torch.save(ckpt, out / f'ckpt-{name}.pt')
    shutil.copy(run / 'log.jsonl', out / f'log-{name}.jsonl')
PY
echo "device run done in $(($(date +%s) - start)) s" | tee -a "$OUT/generate.log"

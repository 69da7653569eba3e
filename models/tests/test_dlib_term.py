"""The translator's dlib identity term (train.py dlib_weight) sees what the pipeline's dlib sees: imitator/losses.py's
DLIB_WINDOW is dlib's own chip of the canonical frame as shared/src/face computes it, and dlib in PyTorch through
that window embeds an aligned 128-px image as FaceAnalyzer.embed does under onnxruntime-node (tests/dlib-frame.ts)."""
import numpy as np
import torch

from imitator.losses import DLIB_SIZE, DLIB_WINDOW, WindowCrop, recogniser

from node_tools import TSX, run


def test_dlib_window_and_embedding_match_the_pipeline(tmp_path):
    run([TSX, 'tests/dlib-frame.ts', str(tmp_path)])
    np.testing.assert_allclose(np.load(tmp_path / 'window.npy'), DLIB_WINDOW, atol=1e-6)
    image = torch.from_numpy(np.load(tmp_path / 'image.npy')).permute(2, 0, 1)[None] / 255
    with torch.no_grad():
        ours = recogniser('face-embedder-dlib')(WindowCrop(DLIB_WINDOW, 128, DLIB_SIZE)(image))[0][0]
    theirs = torch.from_numpy(np.load(tmp_path / 'embedding.npy'))
    cosine = float(ours @ theirs / ours.norm() / theirs.norm())
    # bilinear resampling of the same window on both sides; float32 convolutions in two runtimes
    assert cosine > 0.999, cosine

"""Helpers for the Python tests that call the TypeScript side: run a models/ command, and run an ONNX file under
onnxruntime-node (tests/ort-run.ts) on NumPy inputs."""
import subprocess
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parent.parent
TSX = str(MODELS.parent / 'node_modules' / '.bin' / 'tsx')


def run(cmd: list[str]) -> str:
    """Runs `cmd` in models/; fails the test with its output tail when it fails."""
    done = subprocess.run(cmd, cwd=MODELS, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f'{" ".join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}'
    return done.stdout


def ort_run(model: Path, inputs: dict[str, np.ndarray], work: Path) -> dict[str, np.ndarray]:
    """The outputs of `model` under onnxruntime-node for float32 `inputs` (files under `work`)."""
    (work / 'in').mkdir(parents=True, exist_ok=True)
    for name, value in inputs.items():
        np.save(work / 'in' / f'{name}.npy', np.ascontiguousarray(value, dtype=np.float32))
    run([TSX, 'tests/ort-run.ts', str(model), str(work)])
    return {p.stem: np.load(p) for p in (work / 'out').glob('*.npy')}

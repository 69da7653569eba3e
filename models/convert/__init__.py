"""TF.js graph models -> PyTorch nn.Modules -> deterministic ONNX (see docs/models.md)."""

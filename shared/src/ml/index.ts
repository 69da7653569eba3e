/** @module ml — model manifest, verified sessions, deduped loading; the onnxruntime choice lives in ml/backend. */
export {
  apis,
  resolveDevice,
  setWebGpuRuntimeBase,
  supportedDevices,
  webGpuAdapterName,
  type Apis,
  type Device,
  type RuntimeName,
} from './backend/onnx.ts'
export {
  findModel,
  modelsInGroup,
  parseManifest,
  MODEL_GROUPS,
  type ModelGroup,
  type ModelEntry,
  type ModelManifest,
  type TensorSpec,
} from './manifest.ts'
export {
  ModelSession,
  sha256Hex,
  validateInputs,
  verifyModelBytes,
  type Float32Data,
  type SessionOptions,
} from './session.ts'
export { fetchModelSource, ModelLoader, type ModelSource } from './loader.ts'

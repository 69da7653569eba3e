/** @file Types for the `#onnxruntime` import (shared/package.json "imports"): -node and -web share onnxruntime-common's API. */
declare module '#onnxruntime' {
  export * from 'onnxruntime-common'
}
declare module 'onnxruntime-web' {
  export * from 'onnxruntime-common'
}
declare module 'onnxruntime-web/webgpu' {
  export * from 'onnxruntime-common'
}

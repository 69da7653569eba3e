/**
 * @module render — a small software rasterizer (after tinyrenderer): camera matrices from math/mat4
 * (lookAt, perspective, viewport), `rasterize(face, shader, target, screen)`, and resolving to sRGB images.
 */
export { lookAt, perspective, viewport } from '../math/mat4.ts'
export {
  createProjected,
  projectVertices,
  rasterize,
  rasterizeProjected,
  type IndexedShader,
  type ProjectedVertices,
  type Shader,
} from './rasterize.ts'
export { createTarget, clearTarget, type RenderTarget } from './target.ts'
export { resolveImage, srgbToLinear } from './resolve.ts'

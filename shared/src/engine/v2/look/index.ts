/**
 * @module engine/v2/look — the appearance half of engine v2: procedural textures (skin in the base mesh's UV
 * layout, eyes, hair/brow/lash strands), studio lighting and the textured head Shader. Entry points:
 * `drawHead` (rasterize a whole HeadMesh) or `createHeadShader` (a prepared Shader for your own loop).
 * See README.md in this folder.
 */
import type { Mat4 } from '../../../math/mat4.ts'
import { rasterize } from '../../../render/rasterize.ts'
import type { RenderTarget } from '../../../render/target.ts'
import { MATERIAL, type Appearance, type HeadMesh, type HeadView } from '../mesh-types.ts'
import { HeadShader } from './head-shader.ts'
import { COARSE_SAMPLE_CM, skinBakeFor, texturesFor } from './textures.ts'

export { HeadShader } from './head-shader.ts'
export { appearanceKey, skinBakeFor, texturesFor, type LookTextures } from './textures.ts'
export { skinAlbedo, skinSrgb, luminance } from './skin-tone.ts'

const shared = new HeadShader()

/**
 * The head shader prepared for one draw of `mesh` (per-vertex lighting done, textures cached per appearance).
 * The returned object is shared: prepare/draw one mesh at a time.
 * @example
 * const shader = createHeadShader(mesh, appearance, view)
 * for (let t = 0; t < mesh.triangleCount; t++) rasterize(t, shader, target, screen)
 */
export function createHeadShader(
  mesh: HeadMesh,
  appearance: Appearance,
  view: HeadView
): HeadShader {
  const bake = skinBakeFor(mesh)
  // Lazy: a render reads a small share of the skin texels; each is composed when first read.
  const tex = texturesFor(bake, appearance, mesh, view.sampleCm >= COARSE_SAMPLE_CM, true)
  shared.faceOrigin = bake.origin
  shared.prepare(mesh, appearance, view, tex)
  return shared
}

/**
 * Draws every triangle of `mesh` into `target` (`screen` = mat4.viewport for the target's size) with the textured
 * head shader; returns the number of pixels written. Order: hair and the other small opaque or alpha-tested parts
 * first, then the skin, then the blending materials (cornea, lenses). Opaque and alpha-tested fragments do not
 * depend on order (z-buffer), and the skin hidden under hair is then rejected by the depth test before it is
 * shaded (the skin is the costliest fragment).
 */
export function drawHead(
  target: RenderTarget,
  screen: Mat4,
  mesh: HeadMesh,
  appearance: Appearance,
  view: HeadView
): number {
  const shader = createHeadShader(mesh, appearance, view)
  const mat = mesh.material
  let written = 0
  for (let pass = 0; pass < 3; pass++) {
    for (let t = 0; t < mesh.triangleCount; t++) {
      const m = mat[t]!
      const p =
        m === MATERIAL.skin ? 1 : m === MATERIAL.cornea || m === MATERIAL.glassesLens ? 2 : 0
      if (p === pass) written += rasterize(t, shader, target, screen)
    }
  }
  return written
}

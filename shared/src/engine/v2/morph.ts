/**
 * @module engine/v2/morph — the sparse morph sum: rest positions plus, for every ACTIVE target (weight != 0),
 * weight x its sparse offsets. Cost is proportional to the touched vertices of the active targets only.
 */
import type { HeadAssets } from './assets.ts'

/** Target weights by pack target name (e.g. 'face/nose-trans-up', 'macro/universal-...', 'expr/mouth-open'). */
export type TargetWeights = ReadonlyMap<string, number>

/** Positions (cm, model space, 3 per morph vertex) of the morphed head, into `out` (allocated when absent). */
export function morph(
  assets: HeadAssets,
  weights: TargetWeights,
  out: Float32Array = new Float32Array(assets.rest.length)
): Float32Array {
  out.set(assets.rest)
  return addTargets(assets, weights, out)
}

/** Adds weight x offsets of every active target to `pos` (in place). */
export function addTargets(
  assets: HeadAssets,
  weights: TargetWeights,
  out: Float32Array
): Float32Array {
  for (const [name, w] of weights) {
    if (w === 0) continue
    const { index, delta } = assets.target(name)
    for (let k = 0; k < index.length; k++) {
      const o = index[k]! * 3
      out[o] = out[o]! + w * delta[k * 3]!
      out[o + 1] = out[o + 1]! + w * delta[k * 3 + 1]!
      out[o + 2] = out[o + 2]! + w * delta[k * 3 + 2]!
    }
  }
  return out
}

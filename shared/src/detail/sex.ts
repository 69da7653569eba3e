/**
 * @module detail/sex — a face's detail kept on its own sex's side: the part of a read that lies along the
 * difference between men's and women's mean detail (stubble shadow, heavier creases and brow shading) is dropped
 * when it points to the other sex. Why: a woman's read around the women's mean can carry more of that direction
 * than the average woman (a shadow on the upper lip, deep folds); the engine's women already read as women only
 * narrowly, and at the detail's full contrast (engine/v2/look/skin.ts DETAIL_LIGHT) FaceRes read 4 more of London's
 * 49 women's refined characters as men; with this, 2 more (docs/likeness.md, "Session 32"). Only that one direction
 * of the read changes; the rest of the person's detail stays as read.
 */
import type { SkinDetailBasis } from './basis.ts'
import { SKIN_DETAIL_LIMIT } from './spec.ts'

/**
 * The sex direction in a basis's component space: the unit men-minus-women mean difference's coordinates on each
 * component (`along`) and each component's spread, as far as some weights go (a table of them lets code without the
 * basis keep random weights on a side: rig/v2 randomPlausibleCharacter).
 */
export interface SexAxis {
  along: ArrayLike<number>
  spread: ArrayLike<number>
}

const axes = new WeakMap<SkinDetailBasis, SexAxis>()

/** The basis's sex axis (cached per basis). */
export function sexAxis(basis: SkinDetailBasis): SexAxis {
  let axis = axes.get(basis)
  if (!axis) {
    const n = basis.pixels.length
    const [female, male] = basis.means
    const diff = Float64Array.from(male, (v, i) => v - female[i]!)
    const norm = Math.hypot(...diff)
    const along = new Float64Array(basis.count)
    for (let k = 0; k < basis.count; k++) {
      const c = basis.components.subarray(k * n, (k + 1) * n)
      let dot = 0
      for (let i = 0; i < n; i++) dot += c[i]! * diff[i]!
      along[k] = norm > 0 ? dot / norm : 0
    }
    axes.set(basis, (axis = { along, spread: basis.spread }))
  }
  return axis
}

/**
 * `weights` (a read on `basis`, around the mean of a character of gender slider `male`) without their part along
 * the men-minus-women direction where it points away from the character's own sex (toward men for a woman,
 * toward women for a man); unchanged otherwise. A copy, clamped to the weight range. The mid band's weights (after
 * the fine ones) are kept on their side by the mid band's own direction.
 */
export function onOwnSide(
  basis: SkinDetailBasis,
  weights: ArrayLike<number>,
  male: number
): Float32Array {
  const out = keepOnSide(sexAxis(basis), weights, male)
  if (basis.mid && weights.length > basis.count)
    out.set(keepOnSide(sexAxis(basis.mid), out.subarray(basis.count), male), basis.count)
  return out
}

/**
 * onOwnSide on an axis table: only the weights given (up to the axis's length) move, and their part along the
 * direction is what is dropped.
 */
export function keepOnSide(axis: SexAxis, weights: ArrayLike<number>, male: number): Float32Array {
  const { along, spread } = axis
  const k = Math.min(along.length, weights.length)
  // the deviation along the direction, in luminance units (components are unit vectors over pixels), and the
  // squared length of the direction's part these components span
  let t = 0
  let span = 0
  for (let c = 0; c < k; c++) {
    t += weights[c]! * spread[c]! * along[c]!
    span += along[c]! * along[c]!
  }
  const out = Float32Array.from(weights)
  const away = male >= 0.5 ? t < 0 : t > 0
  if (!away || span === 0) return out
  for (let c = 0; c < k; c++) {
    const w = out[c]! - (t * along[c]!) / (span * spread[c]!)
    out[c] = Math.max(-SKIN_DETAIL_LIMIT, Math.min(SKIN_DETAIL_LIMIT, w))
  }
  return out
}

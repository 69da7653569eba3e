/**
 * @module rig/v2/vector — rig v2 characters as the models see them: one continuous vector x in [0, 1] (sliders
 * then colours, rig order) and one option index per style group. The same layout as rig v1's
 * characterToVector / characterToStyleIndices, so the dataset, imitator, translator and evaluations stay generic.
 */
import type { Character } from '../schema.ts'
import { createCharacterV2, RIG_VERSION_V2 } from './character.ts'
import { COLORS_V2 } from './colors.ts'
import { SLIDERS_V2 } from './sliders.ts'
import { STYLES_V2 } from './styles.ts'

/** Length of x: every slider, then every colour. */
export const VECTOR_LENGTH_V2 = SLIDERS_V2.length + COLORS_V2.length

/** The continuous parameters of a v2 character as one vector, values in [0, 1]. */
export function characterToVectorV2(c: Character): Float32Array {
  const x = new Float32Array(VECTOR_LENGTH_V2)
  SLIDERS_V2.forEach((s, i) => (x[i] = c.sliders[s.id]!))
  COLORS_V2.forEach((col, i) => (x[SLIDERS_V2.length + i] = c.colors[col.id]!))
  return x
}

/** The discrete parameters of a v2 character as option indices, one per style group in rig order. */
export function characterToStyleIndicesV2(c: Character): Int32Array {
  return Int32Array.from(STYLES_V2, (s) => s.options.findIndex((o) => o.id === c.styles[s.id]))
}

/** A v2 character from a continuous vector and style indices (values clamped to [0, 1]). */
export function characterFromVectorV2(
  x: ArrayLike<number>,
  styleIndices: ArrayLike<number>
): Character {
  if (x.length !== VECTOR_LENGTH_V2 || styleIndices.length !== STYLES_V2.length) {
    throw new Error(
      `Expected ${VECTOR_LENGTH_V2} continuous values and ${STYLES_V2.length} style indices for rig ` +
        `v${RIG_VERSION_V2}, got ${x.length} and ${styleIndices.length}; regenerate the vector with this rig version.`
    )
  }
  const clamp = (v: number) => Math.min(1, Math.max(0, v))
  const c = createCharacterV2()
  SLIDERS_V2.forEach((s, i) => (c.sliders[s.id] = clamp(x[i]!)))
  COLORS_V2.forEach((col, i) => (c.colors[col.id] = clamp(x[SLIDERS_V2.length + i]!)))
  STYLES_V2.forEach((s, i) => {
    const option = s.options[styleIndices[i]!]
    if (!option) throw new Error(`Style index ${styleIndices[i]} is out of range for '${s.id}'.`)
    c.styles[s.id] = option.id
  })
  return c
}

/**
 * A character drawn uniformly over the whole rig (every slider and colour in [0, 1], every style option equally
 * likely): the paper's sampling for imitator data. The face sliders' ranges are already limited to what stays
 * human; expressions are drawn too, since photos smile. For plausible people use randomPlausibleCharacter.
 */
export function uniformCharacterV2(rng: () => number): Character {
  const c = createCharacterV2()
  for (const s of SLIDERS_V2) c.sliders[s.id] = rng()
  for (const col of COLORS_V2) c.colors[col.id] = rng()
  for (const st of STYLES_V2)
    c.styles[st.id] = st.options[Math.floor(rng() * st.options.length)]!.id
  return c
}

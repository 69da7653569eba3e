/**
 * @module rig/character — the rig schema object, and creating, validating and vectorising characters.
 */
import { createRng, type Rng } from '../utils/random.ts'
import { COLORS } from './colors.ts'
import type { Character, RigSchema } from './schema.ts'
import { SLIDERS } from './sliders.ts'
import { STYLES } from './styles.ts'

/** Bump on ANY change to the meaning or order of parameters; stored characters name the version they use. */
export const RIG_VERSION = 1

/** The whole parameter schema (`facecraft rig --json`). */
export const RIG: RigSchema = Object.freeze({
  version: RIG_VERSION,
  continuous: SLIDERS,
  discrete: STYLES,
  colors: COLORS,
})

/** Length of the continuous parameter vector: every slider, then every colour, in rig order. */
export const VECTOR_LENGTH = SLIDERS.length + COLORS.length

/** A new character at the rig's defaults, with optional overrides (not validated: call validateCharacter). */
export function createCharacter(overrides: Partial<Omit<Character, 'rig'>> = {}): Character {
  return {
    rig: RIG_VERSION,
    sliders: { ...Object.fromEntries(SLIDERS.map((s) => [s.id, s.default])), ...overrides.sliders },
    colors: { ...Object.fromEntries(COLORS.map((c) => [c.id, c.default])), ...overrides.colors },
    styles: { ...Object.fromEntries(STYLES.map((s) => [s.id, s.default])), ...overrides.styles },
  }
}

/**
 * A uniformly random character: every slider and colour uniform in [0, 1], every style uniform over its
 * options. This is the distribution the imitator is trained on (as in Shi et al.).
 * @param seed an integer seed, or an rng to draw from
 */
export function randomCharacter(seed: number | Rng): Character {
  const rng = typeof seed === 'number' ? createRng(seed) : seed
  const c = createCharacter()
  for (const s of SLIDERS) c.sliders[s.id] = rng()
  for (const col of COLORS) c.colors[col.id] = rng()
  for (const st of STYLES) c.styles[st.id] = st.options[Math.floor(rng() * st.options.length)]!.id
  return c
}

/** The continuous parameters as one vector (sliders then colours, rig order), values in [0, 1]. */
export function characterToVector(c: Character): Float32Array {
  const x = new Float32Array(VECTOR_LENGTH)
  SLIDERS.forEach((s, i) => (x[i] = c.sliders[s.id]!))
  COLORS.forEach((col, i) => (x[SLIDERS.length + i] = c.colors[col.id]!))
  return x
}

/** Discrete parameters as option indices, one per style group in rig order. */
export function characterToStyleIndices(c: Character): Int32Array {
  return Int32Array.from(STYLES, (s) => s.options.findIndex((o) => o.id === c.styles[s.id]))
}

/** Builds a character from a continuous vector and style indices (values clamped to [0, 1]). */
export function characterFromVector(
  x: ArrayLike<number>,
  styleIndices: ArrayLike<number>
): Character {
  if (x.length !== VECTOR_LENGTH || styleIndices.length !== STYLES.length) {
    throw new Error(
      `Expected ${VECTOR_LENGTH} continuous values and ${STYLES.length} style indices for rig v${RIG_VERSION}, ` +
        `got ${x.length} and ${styleIndices.length}; regenerate the vector with this rig version.`
    )
  }
  const clamp = (v: number) => Math.min(1, Math.max(0, v))
  const c = createCharacter()
  SLIDERS.forEach((s, i) => (c.sliders[s.id] = clamp(x[i]!)))
  COLORS.forEach((col, i) => (c.colors[col.id] = clamp(x[SLIDERS.length + i]!)))
  STYLES.forEach((s, i) => {
    const option = s.options[styleIndices[i]!]
    if (!option) throw new Error(`Style index ${styleIndices[i]} is out of range for '${s.id}'.`)
    c.styles[s.id] = option.id
  })
  return c
}

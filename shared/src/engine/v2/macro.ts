/**
 * @module engine/v2/macro — macro target weights (gender, age, ethnic mix, muscle, weight) by tent
 * interpolation, written from the data's naming scheme: every universal target is named
 * `universal-{female|male}-{child|young|old}-{min|average|max}muscle-{min|average|max}weight` and every ethnic
 * target `{african|asian|caucasian}-{female|male}-{child|young|old}`; a target's weight is the product of the
 * tent (piecewise-linear hat) weights of its named nodes. The baby node is not shipped: age starts at `child`.
 */

/** Macro values, each [0, 1] (MakeHuman's scales). The three ethnic proportions are normalised to sum 1. */
export interface MacroValues {
  /** 0 female .. 1 male. */
  gender: number
  /** 0.1875 = 11 years (youngest shipped), 0.5 = 25 years, 1 = 90 years. Lower values clamp to 0.1875. */
  age: number
  african: number
  asian: number
  caucasian: number
  /** 0 slight .. 0.5 average .. 1 muscular. */
  muscle: number
  /** 0 thin .. 0.5 average .. 1 heavy. */
  weight: number
}

/** The age of the youngest shipped node (child, 11 years) on the macro age scale. */
export const MIN_MACRO_AGE = 0.1875

/** Years for a macro age value (MakeHuman's piecewise-linear scale: 0.1875 = 11, 0.5 = 25, 1 = 90). */
export function macroAgeYears(age: number): number {
  if (age < MIN_MACRO_AGE) return 1 + (age / MIN_MACRO_AGE) * 10
  if (age < 0.5) return 11 + ((age - MIN_MACRO_AGE) / (0.5 - MIN_MACRO_AGE)) * 14
  return 25 + ((age - 0.5) / 0.5) * 65
}

/** Tent weights of `x` over increasing `nodes`: the two neighbouring nodes share 1 linearly; clamped ends. */
export function tent(x: number, nodes: readonly number[]): number[] {
  const w = nodes.map(() => 0)
  if (x <= nodes[0]!) w[0] = 1
  else if (x >= nodes[nodes.length - 1]!) w[nodes.length - 1] = 1
  else {
    for (let i = 0; i + 1 < nodes.length; i++) {
      if (x >= nodes[i]! && x <= nodes[i + 1]!) {
        const t = (x - nodes[i]!) / (nodes[i + 1]! - nodes[i]!)
        w[i] = 1 - t
        w[i + 1] = t
        break
      }
    }
  }
  return w
}

const GENDERS = ['female', 'male'] as const
const AGES = ['child', 'young', 'old'] as const
const LEVELS = ['min', 'average', 'max'] as const
const ETHNIC = ['african', 'asian', 'caucasian'] as const

/** Pack target names and weights (non-zero only) for macro values, in a fixed order. */
export function macroWeights(m: MacroValues): [string, number][] {
  const g = [1 - clamp01(m.gender), clamp01(m.gender)]
  const a = tent(clamp01(m.age), [MIN_MACRO_AGE, 0.5, 1])
  const mu = tent(clamp01(m.muscle), [0, 0.5, 1])
  const we = tent(clamp01(m.weight), [0, 0.5, 1])
  const e = normaliseEthnic(m)
  const out: [string, number][] = []
  for (let gi = 0; gi < 2; gi++) {
    for (let ai = 0; ai < 3; ai++) {
      const ga = g[gi]! * a[ai]!
      if (ga === 0) continue
      for (let ei = 0; ei < 3; ei++) {
        const w = ga * e[ei]!
        if (w) out.push([`macro/${ETHNIC[ei]}-${GENDERS[gi]}-${AGES[ai]}`, w])
      }
      for (let mi = 0; mi < 3; mi++) {
        for (let wi = 0; wi < 3; wi++) {
          const w = ga * mu[mi]! * we[wi]!
          if (w) {
            out.push([
              `macro/universal-${GENDERS[gi]}-${AGES[ai]}-${LEVELS[mi]}muscle-${LEVELS[wi]}weight`,
              w,
            ])
          }
        }
      }
    }
  }
  return out
}

/** The ethnic proportions scaled to sum 1 (equal thirds when all are 0). */
export function normaliseEthnic(m: Pick<MacroValues, 'african' | 'asian' | 'caucasian'>): number[] {
  const e = [m.african, m.asian, m.caucasian].map(clamp01)
  const s = e[0]! + e[1]! + e[2]!
  return s > 0 ? e.map((x) => x / s) : [1 / 3, 1 / 3, 1 / 3]
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x
}

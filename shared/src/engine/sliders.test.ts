/**
 * @file Every slider has a visible, local, monotone effect, and each group's sliders move the right landmarks the
 * right way while far-away landmarks stay still.
 */
import { describe, expect, it } from 'vitest'
import { createCharacter } from '../rig/character.ts'
import type { Character } from '../rig/schema.ts'
import { SLIDERS } from '../rig/sliders.ts'
import { BONES } from './bones.ts'
import { getEngine } from './engine.ts'
import { contourDirection } from './landmarks.ts'
import { FRONT_VIEW, project } from './front-view.ts'
import { viewProjection } from './front-view.ts'
import { mat4 } from '../math/index.ts'

const SIZE = 256
const engine = getEngine()
const at = (id: string, v: number): Character => createCharacter({ sliders: { [id]: v } })
const marks = (c: Character) => engine.landmarks(c, { size: SIZE })

/** All landmark positions as one list of [x, y] (68 iBUG, then the named extras in a fixed order). */
function points(c: Character): [number, number][] {
  const lm = marks(c)
  const out: [number, number][] = []
  for (let i = 0; i < 68; i++) out.push([lm.ibug68[i * 2]!, lm.ibug68[i * 2 + 1]!])
  for (const k of Object.keys(lm.named).sort()) out.push(lm.named[k]!)
  return out
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i)
const MOUTH = range(48, 67)
const EYES = range(36, 47)
const BROWS = range(17, 26)

/**
 * Per group: a slider, landmarks that must move with the sign of their image displacement (dx, dy per unit of
 * slider value; 0 = that axis is not checked), and landmarks that must stay within 0.05 px.
 */
const CASES: { slider: string; moves: [number[], number, number][]; still: number[] }[] = [
  {
    slider: 'face.width',
    moves: [
      [[0, 1], -1, 0],
      [[15, 16], 1, 0],
    ],
    still: [],
  },
  { slider: 'forehead.brow_ridge_height', moves: [[range(20, 23), 0, -1]], still: MOUTH },
  {
    slider: 'cheeks.bone_width',
    moves: [
      [[2], -1, 0],
      [[14], 1, 0],
    ],
    still: [...MOUTH, ...BROWS],
  },
  // 'Lower face length': its range runs from +0.5 to -0.5 cm (translate +y lifts a bone), so raising it lowers
  // the chin and lengthens the lower face, as the label says.
  {
    slider: 'jaw.length',
    moves: [
      [[7, 8, 9], 0, 1],
      [MOUTH, 0, 1],
    ],
    still: [...EYES, ...BROWS],
  },
  { slider: 'chin.height', moves: [[[8], 0, -1]], still: [...EYES, ...BROWS] },
  { slider: 'brows.height', moves: [[BROWS, 0, -1]], still: MOUTH },
  {
    slider: 'eyes.spacing',
    moves: [
      [range(36, 41), -1, 0],
      [range(42, 47), 1, 0],
    ],
    still: MOUTH,
  },
  {
    slider: 'nose.width',
    moves: [
      [[31], -1, 0],
      [[35], 1, 0],
    ],
    still: [...EYES, ...BROWS],
  },
  {
    slider: 'mouth.width',
    moves: [
      [[48], -1, 0],
      [[54], 1, 0],
    ],
    still: [...EYES, ...BROWS],
  },
]

describe('slider groups move the right landmarks', () => {
  for (const { slider, moves, still } of CASES) {
    it(slider, () => {
      const lo = points(at(slider, 0.1))
      const hi = points(at(slider, 0.9))
      for (const [ids, sx, sy] of moves) {
        for (const i of ids) {
          const dx = hi[i]![0] - lo[i]![0]
          const dy = hi[i]![1] - lo[i]![1]
          if (sx) expect(dx * sx, `${slider} point ${i} x`).toBeGreaterThan(0.2)
          if (sy) expect(dy * sy, `${slider} point ${i} y`).toBeGreaterThan(0.2)
        }
      }
      for (const i of still) {
        const d = Math.hypot(hi[i]![0] - lo[i]![0], hi[i]![1] - lo[i]![1])
        expect(d, `${slider} moved far-away point ${i}`).toBeLessThan(0.05)
      }
    })
  }

  it('raising ears.protrusion swings the back of each ear away from the head', () => {
    // Its range runs from +0.12 to -0.45 rad about +y (the front edge is the hinge): a higher value turns the
    // free back rim outward, so the ear tips move away from the face in the front view.
    const lo = marks(at('ears.protrusion', 0.1)).named
    const hi = marks(at('ears.protrusion', 0.9)).named
    expect(hi['earTip.L']![0] - lo['earTip.L']![0]).toBeGreaterThan(0.5)
    expect(hi['earTip.R']![0] - lo['earTip.R']![0]).toBeLessThan(-0.5)
  })

  it('ears sliders move the ear landmarks', () => {
    for (const id of ['ears.size', 'ears.height', 'ears.lobe_size']) {
      const a = marks(at(id, 0)).named
      const b = marks(at(id, 1)).named
      for (const k of ['earLobe.L', 'earLobe.R']) {
        expect(Math.hypot(b[k]![0] - a[k]![0], b[k]![1] - a[k]![1]), `${id} ${k}`).toBeGreaterThan(
          1
        )
      }
    }
  })
})

/** Image-space pivots of a slider's bone (both sides for pairs). */
function pivots(boneName: string): [number, number][] {
  const def = BONES.find((b) => b.name === boneName)!
  const [x, y, z] = def.pivot
  const world = Float32Array.of(x, y, z, -x, y, z)
  const clip = project(viewProjection(mat4.create()), world, 2, new Float32Array(8))
  return [0, 1].map((k) => [
    ((clip[k * 4]! / clip[k * 4 + 3]! + 1) / 2) * SIZE,
    ((1 - clip[k * 4 + 1]! / clip[k * 4 + 3]!) / 2) * SIZE,
  ])
}

describe('every slider', () => {
  it('changes pixels near its bone (visible and local)', { timeout: 120_000 }, () => {
    const failures: string[] = []
    for (const s of SLIDERS) {
      const a = engine.render(at(s.id, 0), { size: SIZE }).data
      const b = engine.render(at(s.id, 1), { size: SIZE }).data
      const near = pivots(s.bone)
      const level = BONES.find((d) => d.name === s.bone)!.level
      let changed = 0
      let local = 0
      for (let i = 0; i < a.length; i += 4) {
        let d = 0
        for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(a[i + k]! - b[i + k]!))
        if (d < 4) continue
        changed++
        const px = (i / 4) % SIZE
        const py = Math.floor(i / 4 / SIZE)
        if (near.some(([x, y]) => Math.hypot(px - x, py - y) < 0.3 * SIZE)) local++
      }
      if (changed < 10) failures.push(`${s.id}: only ${changed} pixels change`)
      else if (level <= 1 && local < 0.8 * changed) {
        failures.push(
          `${s.id}: ${changed - local} of ${changed} changed pixels are far from its bone`
        )
      }
    }
    expect(failures).toEqual([])
  })

  it('moves its most-affected landmark monotonically', { timeout: 120_000 }, () => {
    const failures: string[] = []
    const steps = [0, 0.25, 0.5, 0.75, 1]
    for (const s of SLIDERS) {
      const seq = steps.map((v) => points(at(s.id, v)))
      let best = -1
      let dist = 0
      seq[0]!.forEach((p, i) => {
        const d = Math.hypot(seq[4]![i]![0] - p[0], seq[4]![i]![1] - p[1])
        if (d > dist) [best, dist] = [i, d]
      })
      if (dist < 0.1) continue // moves no landmark (iris, pupil, ...): covered by the pixel test
      const [x0, y0] = seq[0]![best]!
      // Jaw contour points are silhouettes: their monotone measure is how far out they lie along their direction.
      const [ux, uy] =
        best < 17
          ? contourDirection(best)
          : [(seq[4]![best]![0] - x0) / dist, (seq[4]![best]![1] - y0) / dist]
      const along = seq.map((p) => (p[best]![0] - x0) * ux + (p[best]![1] - y0) * uy)
      const sign = along[4]! >= along[0]! ? 1 : -1
      for (let k = 1; k < along.length; k++) {
        // 0.15 px: the jaw contour is a silhouette, picked among discrete vertices.
        if (!(sign * (along[k]! - along[k - 1]!) > -0.15))
          failures.push(`${s.id}: point ${best} ${along.join(' ')}`)
      }
    }
    expect(failures).toEqual([])
  })
})

void FRONT_VIEW

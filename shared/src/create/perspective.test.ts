/**
 * @file create/perspective on its own: the lens check's messages, the distance from the lens and the eye span, and
 * that the correction touches only the translator's points and only from nearer than the reference. On real renders
 * (engine + FaceMesh) it is tested in cli/src/eval/perspective-field.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { FEATURE_LENGTH, FEATURE_OFFSETS, FEATURE_POINTS } from './features.ts'
import {
  cameraDistance,
  checkLens,
  depthScale,
  lensFromExif,
  nearness,
  PERSPECTIVE_FIELD,
  shrinkFrame,
  undoNearLens,
  undoNearLensFrame,
} from './perspective.ts'

const features = () => Float32Array.from({ length: FEATURE_LENGTH }, (_, i) => Math.sin(i))

/** A mesh whose outer eye corners (33, 263) are `span` px apart, level, at the same depth. */
function meshWithEyes(span: number): Float32Array {
  const m = new Float32Array(468 * 3)
  m.set([500 - span / 2, 400, 0], 33 * 3)
  m.set([500 + span / 2, 400, 0], 263 * 3)
  return m
}

describe('create/perspective', () => {
  it('holds a field for every coordinate of the 68 points, measured at a sane reference and eye span', () => {
    expect(PERSPECTIVE_FIELD.field).toHaveLength(FEATURE_POINTS * 3)
    expect(PERSPECTIVE_FIELD.field.every(Number.isFinite)).toBe(true)
    expect(PERSPECTIVE_FIELD.referenceCm).toBeGreaterThan(80)
    expect(PERSPECTIVE_FIELD.referenceCm).toBeLessThan(100)
    expect(PERSPECTIVE_FIELD.eyeSpanCm).toBeGreaterThan(7)
    expect(PERSPECTIVE_FIELD.eyeSpanCm).toBeLessThan(10)
  })

  it('refuses a focal length that is no lens, saying what to pass', () => {
    for (const f of [0, -26, 5, 2000, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => checkLens({ focalLength35mm: f })).toThrow(
        /35-mm-equivalent focal length in mm, 10 to 800/
      )
    expect(() => checkLens({ focalLength35mm: 26 })).not.toThrow()
  })

  it("takes a photo's EXIF focal length as its lens only within the lenses create takes, never as an error", () => {
    expect(lensFromExif(26)).toEqual({ focalLength35mm: 26 })
    for (const odd of [null, 0, 3, 5000]) expect(lensFromExif(odd)).toBeNull()
  })

  it('gives the distance from the lens and the eye span: twice the span, half the distance', () => {
    const size = { width: 3000, height: 4000 }
    const lens = { focalLength35mm: 26 }
    const near = cameraDistance({ mesh: meshWithEyes(600) }, size, lens)
    // 26 mm over the 43.27 mm film diagonal of a 5000 px diagonal: 3004 px; the eye span 600 px
    expect(near).toBeCloseTo(
      (26 / Math.hypot(36, 24)) * 5000 * (PERSPECTIVE_FIELD.eyeSpanCm / 600),
      6
    )
    expect(near).toBeGreaterThan(30)
    expect(near).toBeLessThan(50)
    expect(cameraDistance({ mesh: meshWithEyes(300) }, size, lens)).toBeCloseTo(2 * near, 6)
    // a downscaled copy of the same photo gives the same distance
    expect(
      cameraDistance({ mesh: meshWithEyes(150) }, { width: 750, height: 1000 }, lens)
    ).toBeCloseTo(near, 6)
    expect(() => cameraDistance({ mesh: meshWithEyes(600) }, size, { focalLength35mm: 0 })).toThrow(
      RangeError
    )
  })

  it('moves only the 68 points, more from nearer, and leaves a portrait from the reference or further as it is', () => {
    const { referenceCm } = PERSPECTIVE_FIELD
    expect(nearness(referenceCm)).toBe(0)
    expect(nearness(300)).toBe(0)
    expect(nearness(30)).toBeGreaterThan(nearness(45))
    for (const far of [referenceCm, 150, 1e6])
      expect(undoNearLens(features(), far)).toEqual(features())
    const at30 = undoNearLens(features(), 30)
    const at45 = undoNearLens(features(), 45)
    const [start, end] = [FEATURE_OFFSETS.landmarks, FEATURE_OFFSETS.landmarks + FEATURE_POINTS * 3]
    const moved = (f: Float32Array) => {
      let s = 0
      features().forEach((v, i) => (s += Math.abs(f[i]! - v)))
      return s
    }
    expect(Array.from(at30.subarray(0, start))).toEqual(Array.from(features().subarray(0, start)))
    expect(Array.from(at30.subarray(end))).toEqual(Array.from(features().subarray(end)))
    expect(moved(at30)).toBeGreaterThan(moved(at45))
    expect(moved(at45)).toBeGreaterThan(0)
    for (const bad of [0, -30, Number.NaN])
      expect(() => undoNearLens(features(), bad)).toThrow(/camera distance/)
  })

  it("moves the refine targets' points in their aligned frame as it moves the translator's, in eye spans", () => {
    // 68 points whose outer eye corners (iBUG 36, 45) are 1 apart, level; in a frame 100 times as large, shifted
    const p = Array.from({ length: 136 }, (_, i) => Math.cos(i))
    p.splice(72, 2, -0.5, 0)
    p.splice(90, 2, 0.5, 0)
    const frame = Float32Array.from(p, (v, i) => 100 * v + (i % 2 ? 60 : 50))
    const f = new Float32Array(FEATURE_LENGTH)
    p.forEach((v, i) => (f[FEATURE_OFFSETS.landmarks + Math.floor(i / 2) * 3 + (i % 2)] = v))
    undoNearLens(f, 30)
    undoNearLensFrame(frame, 30)
    frame.forEach((v, i) =>
      expect(v).toBeCloseTo(
        100 * f[FEATURE_OFFSETS.landmarks + Math.floor(i / 2) * 3 + (i % 2)]! + (i % 2 ? 60 : 50),
        3
      )
    )
    const same = Float32Array.from(frame)
    expect(undoNearLensFrame(same, 200)).toEqual(frame)
    expect(() => undoNearLensFrame(same, 0)).toThrow(/camera distance/)
  })

  it('shrinks what lies behind the eyes from near only, and keeps the frame centred where it was', () => {
    expect(depthScale(PERSPECTIVE_FIELD.referenceCm, 8)).toBeCloseTo(1, 12)
    expect(depthScale(500, 8)).toBeCloseTo(1, 12)
    expect(depthScale(30, 8)).toBeLessThan(depthScale(45, 8))
    expect(depthScale(30, 8)).toBeGreaterThan(0.7)
    const m = [200, 10, 50, -10, 200, 80] as const
    const k = shrinkFrame(m, 0.8)
    const at = (a: readonly number[], u: number, v: number) => [
      a[0]! * u + a[1]! * v + a[2]!,
      a[3]! * u + a[4]! * v + a[5]!,
    ]
    expect(at(k, 0.5, 0.5)[0]).toBeCloseTo(at(m, 0.5, 0.5)[0]!, 9)
    expect(at(k, 0.5, 0.5)[1]).toBeCloseTo(at(m, 0.5, 0.5)[1]!, 9)
    expect(Math.hypot(k[0], k[3])).toBeCloseTo(0.8 * Math.hypot(m[0], m[3]), 9)
    expect(shrinkFrame(m, 1)).toEqual([...m])
  })
})

import { describe, expect, it } from 'vitest'
import { FACE_PARTS } from '../face/parts.ts'
import {
  FEATURE_LENGTH,
  FEATURE_OFFSETS,
  partColorArray,
  translatorFeatures,
  type FeatureSource,
} from './features.ts'

/** A deterministic, roughly face-shaped mesh: points on an ellipsoid, with the eye corners apart. */
function mesh(scale: number, shift: number): Float32Array {
  const m = new Float32Array(468 * 3)
  for (let i = 0; i < 468; i++) {
    const a = (i * 2.399) % (2 * Math.PI)
    const b = ((i * 0.618) % 1) * Math.PI - Math.PI / 2
    m[i * 3] = (Math.cos(a) * Math.cos(b) * 50 + 100) * scale + shift
    m[i * 3 + 1] = (Math.sin(b) * 70 + 100) * scale + shift
    m[i * 3 + 2] = Math.sin(a) * Math.cos(b) * 30 * scale
  }
  return m
}

function source(overrides: Partial<FeatureSource> = {}): FeatureSource {
  const embedding = new Float32Array(256).map((_, i) => Math.sin(i))
  return {
    embedding,
    mesh: mesh(1, 0),
    partColors: new Float32Array(15).map((_, i) => 10 * i),
    ...overrides,
  }
}

describe('translatorFeatures', () => {
  it('lays out embedding, landmarks, colours and mask', () => {
    const f = translatorFeatures(source())
    expect(f.length).toBe(FEATURE_LENGTH)
    expect(f[0]).toBeCloseTo(0, 6)
    expect(f[1]).toBeCloseTo(Math.sin(1), 6)
    expect(f[FEATURE_OFFSETS.colors + 1]).toBeCloseTo(10 / 255, 6)
    expect([...f.subarray(FEATURE_OFFSETS.colorMask)]).toEqual([1, 1, 1, 1, 1])
    expect(f.every(Number.isFinite)).toBe(true)
  })

  it('does not depend on the mesh units or position (pixels vs the unit frame)', () => {
    const a = translatorFeatures(source({ mesh: mesh(1, 0) }))
    const b = translatorFeatures(source({ mesh: mesh(1 / 128, 3) }))
    for (let i = FEATURE_OFFSETS.landmarks; i < FEATURE_OFFSETS.colors; i++)
      expect(b[i]).toBeCloseTo(a[i]!, 4)
  })

  it('masks a missing part colour instead of passing NaN', () => {
    const colors = new Float32Array(15).fill(100)
    colors.fill(NaN, 3, 6) // brows not seen
    const f = translatorFeatures(source({ partColors: colors }))
    expect(f.every(Number.isFinite)).toBe(true)
    expect([...f.subarray(FEATURE_OFFSETS.colorMask)]).toEqual([1, 0, 1, 1, 1])
    expect(f[FEATURE_OFFSETS.colors + 3]).toBe(0)
  })

  it('refuses a missing embedding or a wrong recogniser size with what to do', () => {
    expect(() =>
      translatorFeatures(source({ embedding: new Float32Array(256).fill(NaN) }))
    ).toThrow(/no embedding or mesh/)
    expect(() => translatorFeatures(source({ embedding: new Float32Array(128) }))).toThrow(
      /face-embedder/
    )
  })

  it('flattens FaceAnalyzer part colours with NaN for missing parts', () => {
    const record = Object.fromEntries(FACE_PARTS.map((p, k) => [p, k === 2 ? null : [k, k, k]]))
    const flat = partColorArray(record as Parameters<typeof partColorArray>[0])
    expect(flat[0]).toBe(0)
    expect(Number.isNaN(flat[6])).toBe(true)
    expect(flat[12]).toBe(4)
  })
})

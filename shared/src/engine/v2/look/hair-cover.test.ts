/**
 * @file The covers of hair-cover.ts on synthetic geometry whose answer is known: the brow paint (browCover,
 * underBrow) over and just around a strip, nothing a few mm away or on skin at another depth; the hair's shadow
 * (skinFront, hairCover, underHair) below hair lying on the skin, never from hair hanging behind the head.
 */
import { describe, expect, it } from 'vitest'
import { MATERIAL, type HeadMesh } from '../mesh-types.ts'
import { browCover, hairCover, skinFront, underBrow, underHair } from './hair-cover.ts'
import type { StrandTopology } from './topology.ts'

/** Axis-aligned quads in face space (cm, origin 0): [x0, x1, y0, y1, z, material] each. */
function quads(...q: [number, number, number, number, number, number][]): {
  mesh: HeadMesh
  rest: Float32Array
} {
  const rest = new Float32Array(q.length * 12)
  const indices = new Uint32Array(q.length * 6)
  const material = new Uint8Array(q.length * 2)
  q.forEach(([x0, x1, y0, y1, z, m], i) => {
    rest.set([x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z], i * 12)
    indices.set(
      [0, 1, 2, 0, 2, 3].map((k) => k + i * 4),
      i * 6
    )
    material.set([m, m], i * 2)
  })
  const mesh: HeadMesh = {
    positions: rest,
    normals: new Float32Array(rest.length),
    uvs: new Float32Array((rest.length / 3) * 2),
    indices,
    material,
    masks: null as unknown as HeadMesh['masks'],
    vertexCount: rest.length / 3,
    triangleCount: q.length * 2,
  }
  return { mesh, rest }
}

describe('hairCover', () => {
  // A face (skin at z = 5 over x, y in [-6, 6]), a fringe lying on it above y = 3, and a curtain of long hair
  // hanging 10 cm behind the face over all of it (what a front projection of a long style sees).
  const face = quads([-6, 6, -6, 6, 5, MATERIAL.skin])
  const skin = skinFront(face.mesh, face.rest, [0, 0, 0])
  const shadowAt = (hair: ReturnType<typeof quads>, x: number, y: number) => {
    const topo = {
      border: new Float32Array(hair.rest.length / 3).fill(1),
    } as unknown as StrandTopology
    const out = new Float32Array(2)
    underHair(hairCover(hair.mesh, hair.rest, [0, 0, 0], topo, skin), x, y, 5, out)
    return out[1]!
  }
  const fringe: [number, number, number, number, number, number] = [-6, 6, 3, 8, 5.3, MATERIAL.hair]
  const curtain: [number, number, number, number, number, number] = [
    -8,
    8,
    -10,
    10,
    -5,
    MATERIAL.hair,
  ]

  it('shades the skin just below hair lying on it', () => {
    expect(shadowAt(quads(fringe), 0, 2.5)).toBeGreaterThan(0.3)
    expect(shadowAt(quads(fringe), 0, -3)).toBe(0) // far below the fringe
  })

  it('never shades the face from hair hanging behind the head', () => {
    expect(shadowAt(quads(curtain), 0, 0)).toBe(0)
    expect(shadowAt(quads(fringe, curtain), 0, -3)).toBe(0)
    expect(shadowAt(quads(fringe, curtain), 0, 2.5)).toBeCloseTo(shadowAt(quads(fringe), 0, 2.5), 6)
  })
})

/** A flat brow strip from x = 2 to 5 cm, y = 1.0 to 1.4 cm, at z = 1 cm (face space, origin 0). */
function strip(): { mesh: HeadMesh; rest: Float32Array } {
  const rest = Float32Array.from([2, 1, 1, 5, 1, 1, 5, 1.4, 1, 2, 1.4, 1])
  const mesh: HeadMesh = {
    positions: rest,
    normals: new Float32Array(12),
    uvs: new Float32Array(8),
    indices: Uint32Array.from([0, 1, 2, 0, 2, 3]),
    material: Uint8Array.from([MATERIAL.brow, MATERIAL.brow]),
    masks: null as unknown as HeadMesh['masks'],
    vertexCount: 4,
    triangleCount: 2,
  }
  return { mesh, rest }
}

describe('browCover', () => {
  it('paints over and just around the brow, not beyond it nor at another depth', () => {
    const { mesh, rest } = strip()
    const c = browCover(mesh, rest, [0, 0, 0])
    const at = (x: number, y: number, z = 1) => underBrow(c, x, y, z)
    expect(at(3.5, 1.2)).toBeGreaterThan(0.6) // inside the strip
    expect(at(3.5, 1.55)).toBeGreaterThan(0.05) // 1.5 mm above it: the soft band
    expect(at(3.5, 1.55)).toBeLessThan(at(3.5, 1.2))
    expect(at(3.5, 2.2)).toBe(0) // 8 mm above: untouched
    expect(at(-3.5, 1.2)).toBe(0) // the other side of the face (no brow drawn there)
    expect(at(3.5, 1.2, 0.5)).toBeGreaterThan(0.6) // skin just behind the floating brow
    expect(at(3.5, 1.2, -8)).toBe(0) // the back of the head behind it
  })
})

/**
 * @file The brow paint's cover (hair-cover.ts browCover/underBrow) on a synthetic brow strip whose answer is
 * known: painted over and just around the strip, nothing a few mm away or on skin at another depth.
 */
import { describe, expect, it } from 'vitest'
import { MATERIAL, type HeadMesh } from '../mesh-types.ts'
import { browCover, underBrow } from './hair-cover.ts'

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

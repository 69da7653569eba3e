/** @file The rest mesh: closed surfaces, enough triangles, and a built, weighted bone for every slider. */
import { describe, expect, it } from 'vitest'
import { SLIDERS } from '../rig/sliders.ts'
import { BONE_INSTANCES } from './bones.ts'
import { buildBaseMesh } from './mesh.ts'
import { LODS } from './model.ts'

/** Every directed edge must appear once and its reverse once: a closed, consistently wound, manifold surface. */
function openEdges(indices: Uint32Array, from: number, to: number): number {
  const edges = new Map<string, number>()
  for (let t = from; t < to; t += 3) {
    for (let k = 0; k < 3; k++) {
      const a = indices[t + k]!
      const b = indices[t + ((k + 1) % 3)]!
      edges.set(`${a}>${b}`, (edges.get(`${a}>${b}`) ?? 0) + 1)
    }
  }
  let open = 0
  for (const [key, n] of edges) {
    const [a, b] = key.split('>')
    if (n !== 1 || edges.get(`${b}>${a}`) !== 1) open++
  }
  return open
}

describe('rest mesh', () => {
  const mesh = buildBaseMesh(...LODS.high)

  it('has at least 5,000 triangles and finite positions', () => {
    expect(mesh.indices.length / 3).toBeGreaterThanOrEqual(5000)
    expect(mesh.rest.every(Number.isFinite)).toBe(true)
  })

  it('is made of closed, consistently wound surfaces (skin, each eye, each ear)', () => {
    const skinTris = mesh.skinGrid.indices.length
    expect(openEdges(mesh.indices, 0, skinTris)).toBe(0)
    const eyeTris = (mesh.eyeEnd - mesh.eyeStart) / 2
    expect(eyeTris).toBeGreaterThan(0)
    expect(openEdges(mesh.indices, skinTris, mesh.indices.length)).toBe(0)
  })

  it('faces outward: the skin encloses a positive volume', () => {
    let volume = 0
    const r = mesh.rest
    const idx = mesh.skinGrid.indices
    for (let t = 0; t < idx.length; t += 3) {
      const a = idx[t]! * 3,
        b = idx[t + 1]! * 3,
        c = idx[t + 2]! * 3
      volume +=
        (r[a]! * (r[b + 1]! * r[c + 2]! - r[b + 2]! * r[c + 1]!) -
          r[a + 1]! * (r[b]! * r[c + 2]! - r[b + 2]! * r[c]!) +
          r[a + 2]! * (r[b]! * r[c + 1]! - r[b + 1]! * r[c]!)) /
        6
    }
    // A head with neck is a few litres (cm^3).
    expect(volume).toBeGreaterThan(3000)
    expect(volume).toBeLessThan(9000)
  })

  it('builds every bone a slider names, with weights on the mesh (iris/pupil are painted)', () => {
    const bones = new Set(BONE_INSTANCES.map((b) => b.def.name))
    for (const s of SLIDERS) expect(bones, s.id).toContain(s.bone)
    for (const bw of mesh.bones) {
      if (bw.bone.def.name === 'iris' || bw.bone.def.name === 'pupil') continue
      expect(bw.verts.length, bw.bone.id).toBeGreaterThan(0)
      expect(Math.max(...bw.weights), bw.bone.id).toBeLessThanOrEqual(1)
    }
  })

  it('mirrors paired bones: the right weights equal the left on mirrored vertices', () => {
    const l = mesh.bones.find((b) => b.bone.id === 'cheekbone.L')!
    const r = mesh.bones.find((b) => b.bone.id === 'cheekbone.R')!
    expect(r.verts.length).toBe(l.verts.length)
    const sum = (b: typeof l) => b.weights.reduce((a, w) => a + w, 0)
    expect(sum(r)).toBeCloseTo(sum(l), 3)
  })
})

/**
 * @module engine/v2/look/fixture — test and preview support: builds a HeadMesh straight from MakeHuman's raw
 * files (base.obj head region, proxies fitted through their .mhclo), so the look layer can be tested and looked
 * at on the real head without the geometry engine's pack. Pure text in, typed arrays out (callers read the
 * files). Not an asset pipeline: no morphs, no validation beyond what the previews need.
 */
import { MATERIAL, type HeadMesh, type MaterialId } from '../mesh-types.ts'

/** A parsed OBJ: positions (dm), texture coordinates, faces as [vertex, uv] index pairs (0-based). */
export interface ObjData {
  v: number[]
  vt: number[]
  faces: { group: string; corners: [number, number][] }[]
}

/** Parses the v / vt / f / g lines of an OBJ file. */
export function parseObj(text: string): ObjData {
  const v: number[] = []
  const vt: number[] = []
  const faces: ObjData['faces'] = []
  let group = ''
  for (const line of text.split('\n')) {
    const p = line.trim().split(/\s+/)
    if (p[0] === 'v') v.push(+p[1]!, +p[2]!, +p[3]!)
    else if (p[0] === 'vt') vt.push(+p[1]!, +p[2]!)
    else if (p[0] === 'g') group = p[1] ?? ''
    else if (p[0] === 'f') {
      const corners = p.slice(1).map((c) => {
        const [a, b] = c.split('/')
        return [+a! - 1, +(b || a)! - 1] as [number, number]
      })
      faces.push({ group, corners })
    }
  }
  return { v, vt, faces }
}

/** Fits a proxy's vertices onto base positions `base` (dm) with its .mhclo text; returns proxy positions (dm). */
export function fitProxy(mhclo: string, proxyCount: number, base: number[]): number[] {
  const scale = [1, 1, 1]
  const out: number[] = []
  let inVerts = false
  const axis = (a: number, b: number, k: number) => Math.abs(base[a * 3 + k]! - base[b * 3 + k]!)
  for (const line of mhclo.split('\n')) {
    const p = line.trim().split(/\s+/)
    const m = /^([xyz])_scale$/.exec(p[0] ?? '')
    if (m) {
      const k = 'xyz'.indexOf(m[1]!)
      scale[k] = axis(+p[1]!, +p[2]!, k) / +p[3]!
      continue
    }
    if (p[0] === 'verts') {
      inVerts = true
      continue
    }
    if (!inVerts || out.length >= proxyCount * 3) continue
    if (p.length === 1 && p[0] !== '' && !isNaN(+p[0]!)) {
      const a = +p[0]!
      out.push(base[a * 3]!, base[a * 3 + 1]!, base[a * 3 + 2]!)
    } else if (p.length >= 9 && !isNaN(+p[0]!)) {
      const [a, b, c, wa, wb, wc, dx, dy, dz] = p.map(Number) as number[]
      const d = [dx!, dy!, dz!]
      for (let k = 0; k < 3; k++) {
        out.push(
          wa! * base[a! * 3 + k]! +
            wb! * base[b! * 3 + k]! +
            wc! * base[c! * 3 + k]! +
            d[k]! * scale[k]!
        )
      }
    } else if (p[0] !== '' && out.length > 0) inVerts = false
  }
  return out
}

/** One part of a fixture head: positions (dm), its OBJ (for UVs and faces) and a material per face. */
export interface FixturePart {
  positions: number[]
  obj: ObjData
  material: (face: ObjData['faces'][number], obj: ObjData) => MaterialId | null
}

/**
 * Builds a HeadMesh (cm) from parts: triangulates quads, splits vertices at UV seams, computes smooth normals
 * (welded by position index per part), sets `rest` = positions and zero skin masks.
 */
export function buildFixtureMesh(parts: FixturePart[]): HeadMesh & { rest: Float32Array } {
  const pos: number[] = []
  const nrm: number[] = []
  const uv: number[] = []
  const idx: number[] = []
  const mat: number[] = []
  for (const part of parts) {
    const { obj, positions } = part
    const n = positions.length / 3
    const acc = new Float64Array(n * 3)
    const remap = new Map<number, number>()
    const owner: number[] = []
    const base = pos.length / 3
    const corner = (vi: number, ti: number) => {
      const key = vi * 1e6 + ti
      let r = remap.get(key)
      if (r === undefined) {
        r = pos.length / 3
        remap.set(key, r)
        pos.push(positions[vi * 3]! * 10, positions[vi * 3 + 1]! * 10, positions[vi * 3 + 2]! * 10)
        uv.push(obj.vt[ti * 2]!, obj.vt[ti * 2 + 1]!)
        owner.push(vi)
      }
      return r
    }
    for (const f of obj.faces) {
      const m = part.material(f, obj)
      if (m === null) continue
      const c = f.corners.map(([vi, ti]) => corner(vi, ti))
      for (let k = 1; k + 1 < c.length; k++) {
        idx.push(c[0]!, c[k]!, c[k + 1]!)
        mat.push(m)
        const [a, b, d] = [f.corners[0]![0], f.corners[k]![0], f.corners[k + 1]![0]]
        const P = (i: number, j: number) => positions[i * 3 + j]!
        const ux = P(b, 0) - P(a, 0),
          uy = P(b, 1) - P(a, 1),
          uz = P(b, 2) - P(a, 2)
        const vx = P(d, 0) - P(a, 0),
          vy = P(d, 1) - P(a, 1),
          vz = P(d, 2) - P(a, 2)
        const cx = uy * vz - uz * vy,
          cy = uz * vx - ux * vz,
          cz = ux * vy - uy * vx
        for (const q of [a, b, d]) {
          acc[q * 3] = acc[q * 3]! + cx
          acc[q * 3 + 1] = acc[q * 3 + 1]! + cy
          acc[q * 3 + 2] = acc[q * 3 + 2]! + cz
        }
      }
    }
    for (let r = 0; r < owner.length; r++) {
      const q = owner[r]!
      const l = Math.hypot(acc[q * 3]!, acc[q * 3 + 1]!, acc[q * 3 + 2]!) || 1
      nrm[(base + r) * 3] = acc[q * 3]! / l
      nrm[(base + r) * 3 + 1] = acc[q * 3 + 1]! / l
      nrm[(base + r) * 3 + 2] = acc[q * 3 + 2]! / l
    }
  }
  const V = pos.length / 3
  const zeros = () => new Float32Array(V)
  const positions = new Float32Array(pos)
  return {
    positions,
    rest: positions,
    normals: new Float32Array(nrm),
    uvs: new Float32Array(uv),
    indices: new Uint32Array(idx),
    material: new Uint8Array(mat),
    masks: { lips: zeros(), cheeks: zeros(), beard: zeros(), scalp: zeros(), eyes: zeros() },
    vertexCount: V,
    triangleCount: idx.length / 3,
  }
}

/** Raw MakeHuman texts a fixture head needs (read by the caller). */
export interface FixtureTexts {
  base: string
  eyes: { obj: string; mhclo: string }
  brow?: { obj: string; mhclo: string }
  lash?: { obj: string; mhclo: string }
  hair?: { obj: string; mhclo: string }
}

/** Skin faces kept: the body group above this height (dm): head, neck and the top of the shoulders. */
const MIN_Y_DM = 5.9

/** The base head with eyes (eyeball + cornea), optional brows, lashes and hair, as a HeadMesh in cm. */
export function buildBaseHead(t: FixtureTexts): HeadMesh & { rest: Float32Array } {
  const base = parseObj(t.base)
  const parts: FixturePart[] = [
    {
      positions: base.v,
      obj: base,
      material: (f) =>
        f.group === 'body' && f.corners.every(([vi]) => base.v[vi * 3 + 1]! > MIN_Y_DM)
          ? MATERIAL.skin
          : null,
    },
  ]
  const proxy = (p: { obj: string; mhclo: string }, m: FixturePart['material']) => {
    const obj = parseObj(p.obj)
    parts.push({ positions: fitProxy(p.mhclo, obj.v.length / 3, base.v), obj, material: m })
  }
  // The eye proxy's cornea shell maps to the small disc near uv (0.93, 0.07); the rest is the eyeball.
  proxy(t.eyes, (f, o) =>
    o.vt[f.corners[0]![1] * 2]! > 0.85 && o.vt[f.corners[0]![1] * 2 + 1]! < 0.15
      ? MATERIAL.cornea
      : MATERIAL.eyeball
  )
  if (t.brow) proxy(t.brow, () => MATERIAL.brow)
  if (t.lash) proxy(t.lash, () => MATERIAL.lash)
  if (t.hair) proxy(t.hair, () => MATERIAL.hair)
  // Drawing order of the contract: blending materials last.
  return buildFixtureMesh(parts)
}

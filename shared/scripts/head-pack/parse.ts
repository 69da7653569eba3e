/**
 * @file Parsers for the MakeHuman file formats the asset build reads, written from the formats themselves:
 * Wavefront .obj (v, vt, f with v/vt corners, g groups), .target (`index dx dy dz` lines, `#` comments) and
 * .mhclo proxy fitting data (header keywords, then `verts 0` lines of either one base vertex index or three
 * indices, three weights and an offset).
 */

/** An .obj mesh: positions, texture coordinates and polygon corners (0-based), with each face's group. */
export interface ObjMesh {
  positions: number[]
  uvs: number[]
  /** Per face: vertex indices and uv indices (same length, 3 or 4). */
  faces: { v: number[]; vt: number[]; group: string }[]
}

/** Parses an .obj file's text. */
export function parseObj(text: string): ObjMesh {
  const positions: number[] = []
  const uvs: number[] = []
  const faces: ObjMesh['faces'] = []
  let group = ''
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/)
    switch (parts[0]) {
      case 'v':
        positions.push(+parts[1]!, +parts[2]!, +parts[3]!)
        break
      case 'vt':
        uvs.push(+parts[1]!, +parts[2]!)
        break
      case 'g':
        group = parts[1] ?? ''
        break
      case 'f': {
        const v: number[] = []
        const vt: number[] = []
        for (const corner of parts.slice(1)) {
          const [a, b] = corner.split('/')
          v.push(+a! - 1)
          vt.push(b ? +b - 1 : -1)
        }
        faces.push({ v, vt, group })
        break
      }
    }
  }
  return { positions, uvs, faces }
}

/** A sparse target: base vertex indices and their offsets (decimetres). */
export interface Target {
  index: number[]
  delta: number[]
}

/** Parses a .target file's text. */
export function parseTarget(text: string): Target {
  const index: number[] = []
  const delta: number[] = []
  for (const line of text.split('\n')) {
    const t = line.trim()
    if (!t || t.startsWith('#')) continue
    const p = t.split(/\s+/)
    index.push(+p[0]!)
    delta.push(+p[1]!, +p[2]!, +p[3]!)
  }
  return { index, delta }
}

/** A proxy's fitting data: per proxy vertex three base vertices, weights and an offset (dm, pre-scale). */
export interface Mhclo {
  name: string
  objFile: string
  refs: number[]
  weights: number[]
  offsets: number[]
  /** x, y, z scale references: two base vertices and the reference size. */
  scale: [number, number, number][]
}

/** Parses an .mhclo file's text. */
export function parseMhclo(text: string): Mhclo {
  const out: Mhclo = { name: '', objFile: '', refs: [], weights: [], offsets: [], scale: [] }
  const scale: Record<string, [number, number, number]> = {}
  let mode = ''
  for (const line of text.split('\n')) {
    const t = line.trim()
    if (!t || t.startsWith('#')) continue
    const p = t.split(/\s+/)
    if (/^[a-z_]/i.test(p[0]!)) {
      const key = p[0]!
      // Only section keywords switch what the number lines mean; attribute lines (tag, material...) may
      // appear inside the verts block.
      if (key === 'verts' || key === 'delete_verts') mode = key
      else if (key === 'name') out.name = p[1]!
      else if (key === 'obj_file') out.objFile = p[1]!
      else if (/^[xyz]_scale$/.test(key)) scale[key[0]!] = [+p[1]!, +p[2]!, +p[3]!]
      continue
    }
    if (mode !== 'verts') continue
    if (p.length === 1) {
      out.refs.push(+p[0]!, +p[0]!, +p[0]!)
      out.weights.push(1, 0, 0)
      out.offsets.push(0, 0, 0)
    } else if (p.length >= 9) {
      out.refs.push(+p[0]!, +p[1]!, +p[2]!)
      out.weights.push(+p[3]!, +p[4]!, +p[5]!)
      out.offsets.push(+p[6]!, +p[7]!, +p[8]!)
    } else {
      throw new Error(`Unexpected .mhclo vertex line: ${t}`)
    }
  }
  if (!scale.x || !scale.y || !scale.z) throw new Error(`.mhclo ${out.name} lacks x/y/z_scale`)
  out.scale = [scale.x, scale.y, scale.z]
  return out
}

/**
 * @module engine/v2/assets — the head asset pack decoded for fast posing: rest positions in model space (cm,
 * origin at the default head's centre, +x subject's left, +y up, +z forward), sparse targets as absolute
 * indices with float offsets in cm, the skin mesh and every proxy's fitting table. Decoding costs a few
 * milliseconds once; posing then allocates nothing but its output.
 */
import { readPack, type HeadPack, type ProxyRef } from './pack.ts'

/** Decimetres (MakeHuman's unit) to centimetres. */
const DM_TO_CM = 10

/** A decoded sparse target: morph-vertex indices and interleaved x, y, z offsets in cm. */
export interface DecodedTarget {
  name: string
  index: Uint16Array
  delta: Float32Array
}

/** A decoded proxy: per fitted point three morph vertices, weights and an offset (dm, scaled at fit time). */
export interface DecodedProxy {
  name: string
  kind: ProxyRef['kind']
  points: number
  refs: Uint16Array
  weights: Float32Array
  offsets: Float32Array
  scale: ProxyRef['scale']
  /** Render vertex -> fitted point. */
  pointOf: Uint16Array
  uvs: Float32Array
  indices: Uint32Array
  doubleSided: boolean
}

/** The decoded head assets. Build once per pack (HeadAssets.fromBytes) and share. */
export class HeadAssets {
  /** Model-space origin in the base mesh frame (cm): subtracted from every rest position. */
  readonly origin: readonly [number, number, number]
  /** Rest positions of the morph vertices, cm, model space (3 per vertex). */
  readonly rest: Float32Array
  readonly morphCount: number
  /** Base-mesh (hm08) vertex index of each morph vertex. */
  readonly baseIndex: Uint32Array
  readonly targets = new Map<string, DecodedTarget>()
  readonly proxies = new Map<string, DecodedProxy>()
  readonly skin: { pointOf: Uint16Array; uvs: Float32Array; indices: Uint32Array }
  /** Pack size in bytes (uncompressed). */
  readonly bytes: number

  private constructor(pack: HeadPack) {
    const h = pack.header
    this.bytes = pack.bytes
    this.morphCount = h.morphVertices
    this.baseIndex = pack.section(h.baseIndex, 'u32')
    const base = pack.section(h.basePositions, 'f32')
    // Origin: the midpoint of the two eyeballs' centres, pushed back to between the ears (8.5 cm behind).
    const eyes = decodeProxy(
      pack,
      h.proxies.find((p) => p.kind === 'eyes')!,
      h.weightQuantum,
      h.offsetQuantum
    )
    const eyePos = new Float32Array(eyes.points * 3)
    fitProxy(eyes, base, 1, eyePos)
    const c = [0, 0, 0]
    for (let i = 0; i < eyes.points; i++) for (let a = 0; a < 3; a++) c[a]! += eyePos[i * 3 + a]!
    this.origin = [0, (c[1]! / eyes.points) * DM_TO_CM, (c[2]! / eyes.points) * DM_TO_CM - 8.5]
    this.rest = new Float32Array(base.length)
    for (let i = 0; i < base.length; i++) this.rest[i] = base[i]! * DM_TO_CM - this.origin[i % 3]!

    const tIndex = pack.section('targetIndex', 'u16')
    const tDelta = pack.section('targetDelta', 'i16')
    const q = h.quantum * DM_TO_CM
    for (const t of h.targets) {
      const index = new Uint16Array(t.count)
      const delta = new Float32Array(t.count * 3)
      let v = 0
      for (let k = 0; k < t.count; k++) {
        v = k ? v + tIndex[t.start + k]! : tIndex[t.start]!
        index[k] = v
        for (let a = 0; a < 3; a++) delta[k * 3 + a] = tDelta[t.start * 3 + a * t.count + k]! * q
      }
      this.targets.set(t.name, { name: t.name, index, delta })
    }
    for (const p of h.proxies) {
      this.proxies.set(p.name, decodeProxy(pack, p, h.weightQuantum, h.offsetQuantum))
    }
    this.skin = {
      pointOf: pack.section(h.skin.pointOf, 'u16'),
      uvs: toUnitFloats(pack.section(h.skin.uvs, 'u16')),
      indices: Uint32Array.from(pack.section(h.skin.indices, 'u16')),
    }
  }

  /** Decodes pack bytes (see engine/v2/pack). */
  static fromBytes(bytes: Uint8Array): HeadAssets {
    return new HeadAssets(readPack(bytes))
  }

  /** A target by name (throws a clear error for a name the pack lacks). */
  target(name: string): DecodedTarget {
    const t = this.targets.get(name)
    if (!t) throw new Error(`Head pack has no target '${name}'.`)
    return t
  }

  /** The morph vertex of a base-mesh vertex (throws when the pack does not carry it). */
  morphOf(baseVertex: number): number {
    let lo = 0
    let hi = this.baseIndex.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const b = this.baseIndex[mid]!
      if (b === baseVertex) return mid
      if (b < baseVertex) lo = mid + 1
      else hi = mid - 1
    }
    throw new Error(`Head pack does not carry base vertex ${baseVertex}.`)
  }

  /** A proxy by name (throws a clear error for a name the pack lacks). */
  proxy(name: string): DecodedProxy {
    const p = this.proxies.get(name)
    if (!p) throw new Error(`Head pack has no proxy '${name}'.`)
    return p
  }
}

function toUnitFloats(u: Uint16Array): Float32Array {
  const out = new Float32Array(u.length)
  for (let i = 0; i < u.length; i++) out[i] = u[i]! / 65535
  return out
}

function decodeProxy(
  pack: HeadPack,
  p: ProxyRef,
  weightQuantum: number,
  offsetQuantum: number
): DecodedProxy {
  const w = pack.section(p.weights, 'i16')
  const o = pack.section(p.offsets, 'i16')
  return {
    name: p.name,
    kind: p.kind,
    points: p.points,
    refs: pack.section(p.refs, 'u16'),
    weights: Float32Array.from(w, (x) => x * weightQuantum),
    offsets: Float32Array.from(o, (x) => x * offsetQuantum),
    scale: p.scale,
    pointOf: pack.section(p.pointOf, 'u16'),
    uvs: toUnitFloats(pack.section(p.uvs, 'u16')),
    indices: Uint32Array.from(pack.section(p.indices, 'u16')),
    doubleSided: p.doubleSided,
  }
}

/**
 * Fits a proxy to morph-vertex positions `pos` (3 per vertex, any unit; `unitPerDm` says how many units a
 * decimetre is, because the .mhclo offsets are in decimetres of the reference scale): each point is the
 * weighted sum of its three reference vertices plus its offset scaled, per axis, by how far the scale reference
 * pair lies apart now relative to the reference size. Writes 3 floats per point into `out`.
 */
export function fitProxy(
  proxy: DecodedProxy,
  pos: Float32Array,
  unitPerDm: number,
  out: Float32Array
): Float32Array {
  const s = proxy.scale.map(
    ([a, b, size], axis) => Math.abs(pos[a * 3 + axis]! - pos[b * 3 + axis]!) / (size * unitPerDm)
  )
  const { refs, weights, offsets } = proxy
  for (let i = 0; i < proxy.points; i++) {
    const r0 = refs[i * 3]! * 3,
      r1 = refs[i * 3 + 1]! * 3,
      r2 = refs[i * 3 + 2]! * 3
    const w0 = weights[i * 3]!,
      w1 = weights[i * 3 + 1]!,
      w2 = weights[i * 3 + 2]!
    for (let a = 0; a < 3; a++) {
      out[i * 3 + a] =
        w0 * pos[r0 + a]! +
        w1 * pos[r1 + a]! +
        w2 * pos[r2 + a]! +
        offsets[i * 3 + a]! * s[a]! * unitPerDm
    }
  }
  return out
}

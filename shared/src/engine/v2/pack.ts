/**
 * @module engine/v2/pack — the head asset pack's binary container (written by shared/scripts/build-assets.ts,
 * read here). Layout: the 8 magic bytes `FCHEAD2\0`, a little-endian uint32 header length, the UTF-8 JSON header,
 * zero padding to a multiple of 4, then the sections the header lists (each at a 4-aligned offset from the start
 * of the data area). Pure bytes in, typed arrays out: no fetch, no file system, so the PWA's Worker, browsers and
 * Node all load it the same way (they only differ in how they get the bytes).
 */

/** The pack format version this code reads (bumped whenever the layout or the meaning of a field changes). */
export const PACK_VERSION = 1

const MAGIC = 'FCHEAD2\0'

/** Element types of sections. */
export type SectionType = 'u8' | 'u16' | 'u32' | 'i16' | 'f32'

/** Where a section lies in the data area. */
export interface SectionRef {
  type: SectionType
  offset: number
  length: number
}

/**
 * A sparse morph target: `count` morph vertices from entry `start` of the `targetIndex` section (uint16,
 * delta-coded per target: the first absolute, then differences), with int16 offsets from entry `3 * start` of
 * `targetDelta` (x, y, z planes of `count` each, units of `quantum` decimetres).
 */
export interface TargetRef {
  name: string
  start: number
  count: number
}

/** One proxy mesh (eyes, brows, lashes, teeth, tongue, hair) fitted to the body through its .mhclo data. */
export interface ProxyRef {
  name: string
  kind: 'eyes' | 'brow' | 'lash' | 'teeth' | 'tongue' | 'hair'
  /** Fitted points (positions before UV seam splitting). */
  points: number
  /** Section names: refs (u16 x3 per point), weights (i16 x3), offsets (i16 x3), render->point map (u16),
   * uvs (u16 x2, /65535), triangle indices (u16 x3). */
  refs: string
  weights: string
  offsets: string
  pointOf: string
  uvs: string
  indices: string
  /** Morph-vertex pairs and reference sizes (dm) of the x, y, z scale of offsets: [a, b, size] per axis. */
  scale: [[number, number, number], [number, number, number], [number, number, number]]
  /** Whether both faces are seen (hair cards, brows, lashes). */
  doubleSided: boolean
}

/** The JSON header of a pack. */
export interface PackHeader {
  version: number
  /** Source provenance (commits of the CC0 data). */
  source: string
  /** Target offsets are int16 multiples of this many decimetres. */
  quantum: number
  /** Proxy weights are int16 multiples of this. */
  weightQuantum: number
  /** Proxy offsets are int16 multiples of this many decimetres. */
  offsetQuantum: number
  /** Number of morph vertices (the base mesh vertices the engine moves). */
  morphVertices: number
  /** Base-mesh index of each morph vertex: section name (u16 would not fit 19k+; u32). */
  baseIndex: string
  /** Morph vertex rest positions, f32 x3, decimetres, base mesh frame. */
  basePositions: string
  /** Skin render mesh: render vertex -> morph vertex (u16), uvs (u16 x2), triangles (u16 x3), group (u8). */
  skin: { vertices: number; triangles: number; pointOf: string; uvs: string; indices: string }
  /** Face, macro and expression targets by name. */
  targets: TargetRef[]
  proxies: ProxyRef[]
  sections: Record<string, SectionRef>
}

/** A loaded pack: the header and typed views of its sections. */
export interface HeadPack {
  header: PackHeader
  bytes: number
  section<T extends SectionType>(name: string, type: T): SectionArray<T>
}

type SectionArray<T extends SectionType> = T extends 'u8'
  ? Uint8Array
  : T extends 'u16'
    ? Uint16Array
    : T extends 'u32'
      ? Uint32Array
      : T extends 'i16'
        ? Int16Array
        : Float32Array

const CTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i16: Int16Array,
  f32: Float32Array,
} as const

/** Bytes per element of each section type. */
export const ELEMENT_BYTES: Record<SectionType, number> = { u8: 1, u16: 2, u32: 4, i16: 2, f32: 4 }

/** Parses a pack (throws a clear error on anything that is not a version-PACK_VERSION pack). */
export function readPack(bytes: Uint8Array): HeadPack {
  const magic = String.fromCharCode(...bytes.subarray(0, 8))
  if (bytes.length < 12 || magic !== MAGIC) {
    throw new Error('Not a facecraft head pack (bad magic): rebuild it with npm run build:assets.')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(8, true)
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))
  ) as PackHeader
  if (header.version !== PACK_VERSION) {
    throw new Error(
      `Head pack version ${header.version} is not the version this engine reads (${PACK_VERSION}).`
    )
  }
  const dataStart = align4(12 + headerLength)
  // Copy the data area once into an aligned buffer, so every section is a zero-copy typed view.
  const data = bytes.slice(dataStart).buffer
  return {
    header,
    bytes: bytes.length,
    section<T extends SectionType>(name: string, type: T): SectionArray<T> {
      const ref = header.sections[name]
      if (!ref) throw new Error(`Head pack has no section '${name}'.`)
      if (ref.type !== type)
        throw new Error(`Head pack section '${name}' is ${ref.type}, not ${type}.`)
      return new CTORS[type](data, ref.offset, ref.length) as SectionArray<T>
    },
  }
}

/** Rounds up to a multiple of 4. */
export function align4(n: number): number {
  return (n + 3) & ~3
}

/** Serialises a header and sections (in the given order) into pack bytes; the header's `sections` is filled in. */
export function writePack(
  header: Omit<PackHeader, 'sections'>,
  sections: [string, SectionType, ArrayLike<number>][]
): Uint8Array {
  const refs: Record<string, SectionRef> = {}
  let offset = 0
  for (const [name, type, values] of sections) {
    if (refs[name]) throw new Error(`Duplicate pack section ${name}.`)
    refs[name] = { type, offset, length: values.length }
    offset = align4(offset + values.length * ELEMENT_BYTES[type])
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...header, sections: refs }))
  const dataStart = align4(12 + json.length)
  const out = new Uint8Array(dataStart + offset)
  out.set(new TextEncoder().encode(MAGIC), 0)
  new DataView(out.buffer).setUint32(8, json.length, true)
  out.set(json, 12)
  for (const [name, type, values] of sections) {
    const ref = refs[name]!
    const typed = new CTORS[type](values.length)
    for (let i = 0; i < values.length; i++) typed[i] = values[i]!
    out.set(new Uint8Array(typed.buffer), dataStart + ref.offset)
  }
  return out
}

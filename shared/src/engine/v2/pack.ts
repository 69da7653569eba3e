/**
 * @module engine/v2/pack — the head asset pack's binary container (written by shared/scripts/build-assets.ts,
 * read here). Layout: the 8 magic bytes `FCHEAD2\0`, a little-endian uint32 header length, the UTF-8 JSON header,
 * zero padding to a multiple of 4, then the sections the header lists (each at a 4-aligned offset from the start
 * of the data area). Pure bytes in, typed arrays out: no fetch, no file system, so the PWA's Worker, browsers and
 * Node all load it the same way (they only differ in how they get the bytes).
 */

/**
 * The pack format version this code writes (bumped whenever the layout or the meaning of a field changes). It reads
 * this one and every earlier one: version 2 added section codings (`SectionRef.coding`); a version 1 pack has none.
 */
export const PACK_VERSION = 2

const MAGIC = 'FCHEAD2\0'

/** Element types of sections. */
export type SectionType = 'u8' | 'u16' | 'u32' | 'i16' | 'f32'

/**
 * How a section's elements are stored, when not as plain little-endian values (since pack version 2):
 * - `delta-zigzag-planes` (i16): each value's difference from the one before (wrapping in 16 bits, so any values
 *   round-trip), zigzagged (0, -1, 1, -2, ... -> 0, 1, 2, 3, ...), stored as a plane of all low bytes then one of
 *   all high bytes. Why: the target offsets are small and smooth along the vertices, so their high bytes are
 *   nearly all 0 and brotli packs them into almost nothing; interleaved with the low bytes, their sign bytes
 *   (0x00 / 0xff) broke every match. 52 KB less brotli for the same values (bench engine `assets_bytes`).
 */
export type SectionCoding = 'delta-zigzag-planes'

/** Where a section lies in the data area. */
export interface SectionRef {
  type: SectionType
  offset: number
  length: number
  coding?: SectionCoding
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
  if (!(header.version >= 1 && header.version <= PACK_VERSION)) {
    throw new Error(
      `Head pack version ${header.version} is not one this engine reads (1 to ${PACK_VERSION}): rebuild it with npm run build:assets, or update the engine.`
    )
  }
  const dataStart = align4(12 + headerLength)
  // Copy the data area once into an aligned buffer, so every section is a zero-copy typed view.
  const data = bytes.slice(dataStart).buffer
  // A coded section is decoded once, on first use.
  const decoded = new Map<string, Int16Array>()
  return {
    header,
    bytes: bytes.length,
    section<T extends SectionType>(name: string, type: T): SectionArray<T> {
      const ref = header.sections[name]
      if (!ref) throw new Error(`Head pack has no section '${name}'.`)
      if (ref.type !== type)
        throw new Error(`Head pack section '${name}' is ${ref.type}, not ${type}.`)
      if (!ref.coding) return new CTORS[type](data, ref.offset, ref.length) as SectionArray<T>
      if (ref.coding !== 'delta-zigzag-planes' || type !== 'i16')
        throw new Error(
          `Head pack section '${name}' has a coding this engine does not read (${ref.coding} of ${type}): update the engine.`
        )
      let values = decoded.get(name)
      if (!values) {
        values = decodeDeltaZigzagPlanes(new Uint8Array(data, ref.offset, 2 * ref.length))
        decoded.set(name, values)
      }
      return values as SectionArray<T>
    },
  }
}

/** `delta-zigzag-planes` of int16 values (SectionCoding): the bytes, low plane then high plane. */
export function encodeDeltaZigzagPlanes(values: ArrayLike<number>): Uint8Array {
  const n = values.length
  const out = new Uint8Array(2 * n)
  let previous = 0
  for (let i = 0; i < n; i++) {
    const delta = ((values[i]! - previous) << 16) >> 16
    previous = values[i]!
    const z = ((delta << 1) ^ (delta >> 31)) & 0xffff
    out[i] = z & 0xff
    out[n + i] = z >> 8
  }
  return out
}

/** The int16 values of `delta-zigzag-planes` bytes (encodeDeltaZigzagPlanes). */
export function decodeDeltaZigzagPlanes(bytes: Uint8Array): Int16Array {
  const n = bytes.length >> 1
  const out = new Int16Array(n)
  let value = 0
  for (let i = 0; i < n; i++) {
    const z = bytes[i]! | (bytes[n + i]! << 8)
    value = ((value + ((z >>> 1) ^ -(z & 1))) << 16) >> 16
    out[i] = value
  }
  return out
}

/** Rounds up to a multiple of 4. */
export function align4(n: number): number {
  return (n + 3) & ~3
}

/**
 * Serialises a header and sections (in the given order; a section may name its coding, i16 only) into pack bytes;
 * the header's `sections` is filled in.
 */
export function writePack(
  header: Omit<PackHeader, 'sections'>,
  sections: [string, SectionType, ArrayLike<number>, SectionCoding?][]
): Uint8Array {
  const refs: Record<string, SectionRef> = {}
  let offset = 0
  for (const [name, type, values, coding] of sections) {
    if (refs[name]) throw new Error(`Duplicate pack section ${name}.`)
    if (coding && type !== 'i16') throw new Error(`Pack section ${name}: ${coding} codes i16 only.`)
    refs[name] = { type, offset, length: values.length, ...(coding && { coding }) }
    offset = align4(offset + values.length * ELEMENT_BYTES[type])
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...header, sections: refs }))
  const dataStart = align4(12 + json.length)
  const out = new Uint8Array(dataStart + offset)
  out.set(new TextEncoder().encode(MAGIC), 0)
  new DataView(out.buffer).setUint32(8, json.length, true)
  out.set(json, 12)
  for (const [name, type, values, coding] of sections) {
    const ref = refs[name]!
    if (coding) {
      out.set(encodeDeltaZigzagPlanes(values), dataStart + ref.offset)
      continue
    }
    const typed = new CTORS[type](values.length)
    for (let i = 0; i < values.length; i++) typed[i] = values[i]!
    out.set(new Uint8Array(typed.buffer), dataStart + ref.offset)
  }
  return out
}

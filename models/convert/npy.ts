/**
 * @file Reads and writes NumPy .npy files (format 1.0, little-endian float32 only): the exchange format between the
 * TF.js reference script, the Python checks and the committed test fixtures.
 */

/** A float32 array with its shape (row-major). */
export interface NpyArray {
  shape: number[]
  data: Float32Array
}

/** Encodes `data` with `shape` as a .npy file. */
export function encodeNpy({ shape, data }: NpyArray): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ')
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`
  const unpadded = 10 + header.length + 1
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n'
  const out = new Uint8Array(10 + header.length + data.length * 4)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0) // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true)
  out.set(new TextEncoder().encode(header), 10)
  const view = new DataView(out.buffer, 10 + header.length)
  data.forEach((v, i) => view.setFloat32(i * 4, v, true))
  return out
}

/** Decodes a little-endian float32 .npy file; throws on any other dtype or layout. */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes[0] !== 0x93 || new TextDecoder().decode(bytes.subarray(1, 6)) !== 'NUMPY') {
    throw new Error('not a .npy file (missing \\x93NUMPY magic)')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint16(8, true)
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength))
  if (!header.includes("'<f4'") || header.includes("'fortran_order': True")) {
    throw new Error(
      `only C-order little-endian float32 .npy files are supported, got ${header.trim()}`
    )
  }
  const shapeText = /'shape': \(([^)]*)\)/.exec(header)?.[1] ?? ''
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number)
  const count = shape.reduce((a, b) => a * b, 1)
  const data = new Float32Array(count)
  const body = new DataView(bytes.buffer, bytes.byteOffset + 10 + headerLength)
  for (let i = 0; i < count; i++) data[i] = body.getFloat32(i * 4, true)
  return { shape, data }
}

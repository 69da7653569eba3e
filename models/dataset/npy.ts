/**
 * @module dataset/npy — writes and reads NumPy .npy files (format 1.0, C order, little-endian) of uint8, int32 or
 * float32: the on-disk format of dataset shards, readable by numpy.load with no extra packages.
 */

/** The element types a shard uses, as numpy `descr` strings. */
export type NpyDtype = '|u1' | '<i4' | '<f4'

/** A typed array with its row-major shape. */
export interface NpyTensor {
  shape: readonly number[]
  data: Uint8Array | Int32Array | Float32Array
}

function dtypeOf(data: NpyTensor['data']): NpyDtype {
  if (data instanceof Uint8Array) return '|u1'
  if (data instanceof Int32Array) return '<i4'
  return '<f4'
}

/** Encodes a tensor as .npy bytes (this machine and every target is little-endian, so the data is copied as is). */
export function encodeNpy({ shape, data }: NpyTensor): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1)
  if (count !== data.length)
    throw new Error(`npy: shape ${shape} needs ${count} values, got ${data.length}`)
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ')
  let header = `{'descr': '${dtypeOf(data)}', 'fortran_order': False, 'shape': (${dims}), }`
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n'
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  const out = new Uint8Array(10 + header.length + body.length)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0) // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true)
  out.set(new TextEncoder().encode(header), 10)
  out.set(body, 10 + header.length)
  return out
}

/** Decodes .npy bytes written by encodeNpy (or numpy) of one of the three dtypes. */
export function decodeNpy(bytes: Uint8Array): NpyTensor & { dtype: NpyDtype } {
  if (bytes[0] !== 0x93 || new TextDecoder().decode(bytes.subarray(1, 6)) !== 'NUMPY')
    throw new Error('not a .npy file (missing \\x93NUMPY magic)')
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true)
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength))
  const dtype = /'descr': '([^']+)'/.exec(header)?.[1] as NpyDtype | undefined
  if (!dtype || !['|u1', '<i4', '<f4'].includes(dtype) || header.includes("'fortran_order': True"))
    throw new Error(`npy: only C-order uint8/int32/float32 are supported, got ${header.trim()}`)
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number)
  // A copy, aligned for the typed-array view (a Node Buffer's slice() would be a view into its pool).
  const body = new Uint8Array(bytes.subarray(10 + headerLength))
  const data =
    dtype === '|u1'
      ? new Uint8Array(body.buffer)
      : dtype === '<i4'
        ? new Int32Array(body.buffer)
        : new Float32Array(body.buffer)
  return { shape, data, dtype }
}

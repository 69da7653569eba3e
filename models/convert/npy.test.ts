/** @file .npy encode/decode round trip and the header rules NumPy relies on. */
import { describe, expect, it } from 'vitest'
import { decodeNpy, encodeNpy } from './npy.ts'
import { syntheticImage } from './synthetic.ts'

describe('npy', () => {
  it('round-trips shape and float32 data, header padded to 64 bytes', () => {
    const data = Float32Array.from([1.5, -2, 3.25, 1e-7, 0, 42])
    const bytes = encodeNpy({ shape: [1, 2, 3], data })
    expect((10 + new DataView(bytes.buffer).getUint16(8, true)) % 64).toBe(0)
    const back = decodeNpy(bytes)
    expect(back.shape).toEqual([1, 2, 3])
    expect(Array.from(back.data)).toEqual(Array.from(data))
  })

  it('writes 1-d shapes as NumPy tuples', () => {
    const header = new TextDecoder().decode(encodeNpy({ shape: [4], data: new Float32Array(4) }))
    expect(header).toContain("'shape': (4,)")
  })

  it('rejects files that are not float32 .npy', () => {
    expect(() => decodeNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toThrow(
      /not a .npy file/
    )
    const bytes = encodeNpy({ shape: [1], data: new Float32Array(1) })
    const at = new TextDecoder().decode(bytes.subarray(0, 64)).indexOf('<f4') // ASCII header: char = byte
    bytes.set(new TextEncoder().encode('<f8'), at) // now claims float64
    expect(() => decodeNpy(bytes)).toThrow(/float32/)
  })
})

describe('syntheticImage', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(syntheticImage(32, 1)).toEqual(syntheticImage(32, 1))
    expect(syntheticImage(32, 1)).not.toEqual(syntheticImage(32, 2))
  })

  it('draws a face: skin-coloured centre, dark eyes', () => {
    const size = 100
    const img = syntheticImage(size, 3)
    const px = (x: number, y: number) =>
      Array.from(img.subarray((y * size + x) * 3, (y * size + x) * 3 + 3))
    expect(px(50, 52)[0]).toBeGreaterThan(150) // face centre is skin (red channel high)
    expect(px(38, 44)).toEqual([40, 40, 40]) // the eye to the image left
  })
})

import { describe, expect, it } from 'vitest'
import { decodeNpy, encodeNpy } from './npy.ts'

describe('npy', () => {
  it.each([
    ['uint8', Uint8Array.from([0, 7, 255, 3, 2, 1]), '|u1'],
    ['int32', Int32Array.from([-5, 0, 2 ** 30, 4, 5, 6]), '<i4'],
    ['float32', Float32Array.from([0.5, -1, NaN, 3e-8, 1e30, 6]), '<f4'],
  ] as const)('round-trips %s with its shape and a 64-byte aligned header', (_, data, dtype) => {
    const bytes = encodeNpy({ shape: [2, 3], data })
    const header = new DataView(bytes.buffer).getUint16(8, true)
    expect((10 + header) % 64).toBe(0)
    const back = decodeNpy(bytes)
    expect(back.dtype).toBe(dtype)
    expect(back.shape).toEqual([2, 3])
    expect([...back.data]).toEqual([...data])
  })

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeNpy({ shape: [4], data: new Uint8Array(3) })).toThrow(/needs 4 values/)
  })
})

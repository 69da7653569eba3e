/** @file vec3: every operation with a separate out and with out aliasing an input. */
import { describe, expect, it } from 'vitest'
import * as vec3 from './vec3.ts'

const v = (x: number, y: number, z: number) => vec3.fromValues(x, y, z)

describe('vec3', () => {
  const binary: [string, (o: vec3.Vec3, a: vec3.Vec3, b: vec3.Vec3) => vec3.Vec3, number[]][] = [
    ['add', vec3.add, [5, 7, 9]],
    ['sub', vec3.sub, [-3, -3, -3]],
    ['cross', vec3.cross, [-3, 6, -3]],
  ]
  for (const [name, op, expected] of binary) {
    it(`${name} with separate and aliased out`, () => {
      const a = v(1, 2, 3)
      const b = v(4, 5, 6)
      const out = vec3.create()
      expect(op(out, a, b)).toBe(out)
      expect([...out]).toEqual(expected)
      expect([...op(a, a, b)]).toEqual(expected)
      const b2 = v(4, 5, 6)
      expect([...op(b2, v(1, 2, 3), b2)]).toEqual(expected)
    })
  }

  it('scale, normalize and lerp alias safely', () => {
    const a = v(3, 0, 4)
    expect([...vec3.scale(vec3.create(), a, 2)]).toEqual([6, 0, 8])
    expect([...vec3.normalize(a, a)].map((x) => +x.toFixed(6))).toEqual([0.6, 0, 0.8])
    expect([...vec3.normalize(vec3.create(), vec3.create())]).toEqual([0, 0, 0])
    const b = v(0, 0, 0)
    expect([...vec3.lerp(b, b, v(2, 4, 6), 0.5)]).toEqual([1, 2, 3])
  })

  it('dot and length', () => {
    expect(vec3.dot(v(1, 2, 3), v(4, 5, 6))).toBe(32)
    expect(vec3.length(v(2, 3, 6))).toBe(7)
  })
})

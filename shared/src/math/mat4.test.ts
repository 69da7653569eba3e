/** @file mat4: products, inverses and camera matrices, with separate and aliased outputs. */
import { describe, expect, it } from 'vitest'
import * as mat4 from './mat4.ts'
import * as vec3 from './vec3.ts'

const close = (a: Float32Array, b: ArrayLike<number>, eps = 1e-5) =>
  [...a].forEach((x, i) => expect(x).toBeCloseTo(b[i]!, -Math.log10(eps)))

function sample(): mat4.Mat4 {
  const m = mat4.create()
  mat4.mul(m, mat4.fromXRotation(mat4.create(), 0.3), mat4.fromYRotation(mat4.create(), -0.7))
  mat4.mul(m, mat4.fromTranslation(mat4.create(), vec3.fromValues(1, -2, 3)), m)
  return mat4.mul(m, m, mat4.fromScaling(mat4.create(), vec3.fromValues(2, 1, 0.5)))
}

describe('mat4', () => {
  it('mul applies b first, then a (column vectors)', () => {
    const t = mat4.fromTranslation(mat4.create(), vec3.fromValues(1, 0, 0))
    const s = mat4.fromScaling(mat4.create(), vec3.fromValues(2, 2, 2))
    const p = new Float32Array(4)
    mat4.transformPoint4(p, mat4.mul(mat4.create(), t, s), 1, 1, 1)
    expect([...p]).toEqual([3, 2, 2, 1])
  })

  it('mul with out aliasing a or b equals the separate result', () => {
    const a = sample()
    const b = mat4.fromZRotation(mat4.create(), 1.1)
    const expected = mat4.mul(mat4.create(), a, b)
    expect([...mat4.mul(mat4.copy(mat4.create(), a), mat4.copy(mat4.create(), a), b)]).toEqual([
      ...expected,
    ])
    const a2 = mat4.copy(mat4.create(), a)
    expect([...mat4.mul(a2, a2, b)]).toEqual([...expected])
    const b2 = mat4.copy(mat4.create(), b)
    expect([...mat4.mul(b2, a, b2)]).toEqual([...expected])
  })

  it('invert gives the inverse, aliased or not, and null when singular', () => {
    const a = sample()
    const inv = mat4.invert(mat4.create(), a)!
    close(mat4.mul(mat4.create(), a, inv), mat4.create())
    const a2 = mat4.copy(mat4.create(), a)
    expect(mat4.invert(a2, a2)).toBe(a2)
    close(a2, inv)
    const singular = mat4.fromScaling(mat4.create(), vec3.fromValues(1, 0, 1))
    const out = mat4.create()
    expect(mat4.invert(out, singular)).toBeNull()
    expect([...out]).toEqual([...mat4.create()])
  })

  it('rotations follow the right-hand rule', () => {
    const p = new Float32Array(4)
    mat4.transformPoint4(p, mat4.fromYRotation(mat4.create(), Math.PI / 2), 0, 0, 1)
    close(p, [1, 0, 0, 1])
    mat4.transformPoint4(p, mat4.fromZRotation(mat4.create(), Math.PI / 2), 1, 0, 0)
    close(p, [0, 1, 0, 1])
    mat4.transformPoint4(p, mat4.fromXRotation(mat4.create(), Math.PI / 2), 0, 1, 0)
    close(p, [0, 0, 1, 1])
  })

  it('lookAt puts the target on the -z axis; degenerate input gives null', () => {
    const view = mat4.lookAt(
      mat4.create(),
      vec3.fromValues(0, 0, 10),
      vec3.fromValues(0, 0, 0),
      vec3.fromValues(0, 1, 0)
    )!
    const p = new Float32Array(4)
    close(mat4.transformPoint4(p, view, 0, 0, 0), [0, 0, -10, 1])
    const z = vec3.create()
    expect(mat4.lookAt(mat4.create(), z, z, vec3.fromValues(0, 1, 0))).toBeNull()
  })

  it('perspective and viewport map the view frustum to pixels', () => {
    const proj = mat4.perspective(mat4.create(), Math.PI / 2, 1, 1, 100)
    const vp = mat4.viewport(mat4.create(), 100, 100)
    const p = new Float32Array(4)
    mat4.transformPoint4(p, proj, 1, 1, -1) // top-right corner of the near plane
    const ndc = [p[0]! / p[3]!, p[1]! / p[3]!, p[2]! / p[3]!]
    close(new Float32Array(ndc), [1, 1, -1])
    close(mat4.transformPoint4(p, vp, 1, 1, -1), [100, 0, 0, 1])
  })
})

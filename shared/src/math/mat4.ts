/**
 * @module math/mat4 — 4x4 matrices over Float32Array, gl-matrix style.
 * Column-major (element [c * 4 + r] is row r, column c), post-multiplied: `mul(out, a, b)` applies b first, then a,
 * to column vectors. Every operation writes into `out` and returns it; only `create()` allocates; inputs are
 * copied to locals first so `out` may alias any argument. Angles are radians.
 */
import type { Vec3 } from './vec3.ts'

/** A 4x4 matrix, column-major. */
export type Mat4 = Float32Array

/** A new identity matrix. */
export function create(): Mat4 {
  const out = new Float32Array(16)
  out[0] = out[5] = out[10] = out[15] = 1
  return out
}

/** out = identity */
export function identity(out: Mat4): Mat4 {
  out.fill(0)
  out[0] = out[5] = out[10] = out[15] = 1
  return out
}

/** out = a (copy). */
export function copy(out: Mat4, a: Mat4): Mat4 {
  out.set(a)
  return out
}

/** out = a * b (b applied first). Straight-line kernel: 64 multiply-adds. */
export function mul(out: Mat4, a: Mat4, b: Mat4): Mat4 {
  const a00 = a[0]!,
    a01 = a[1]!,
    a02 = a[2]!,
    a03 = a[3]!
  const a10 = a[4]!,
    a11 = a[5]!,
    a12 = a[6]!,
    a13 = a[7]!
  const a20 = a[8]!,
    a21 = a[9]!,
    a22 = a[10]!,
    a23 = a[11]!
  const a30 = a[12]!,
    a31 = a[13]!,
    a32 = a[14]!,
    a33 = a[15]!
  const b0 = b[0]!,
    b1 = b[1]!,
    b2 = b[2]!,
    b3 = b[3]!,
    b4 = b[4]!,
    b5 = b[5]!,
    b6 = b[6]!,
    b7 = b[7]!
  const b8 = b[8]!,
    b9 = b[9]!,
    b10 = b[10]!,
    b11 = b[11]!,
    b12 = b[12]!,
    b13 = b[13]!,
    b14 = b[14]!,
    b15 = b[15]!
  out[0] = b0 * a00 + b1 * a10 + b2 * a20 + b3 * a30
  out[1] = b0 * a01 + b1 * a11 + b2 * a21 + b3 * a31
  out[2] = b0 * a02 + b1 * a12 + b2 * a22 + b3 * a32
  out[3] = b0 * a03 + b1 * a13 + b2 * a23 + b3 * a33
  out[4] = b4 * a00 + b5 * a10 + b6 * a20 + b7 * a30
  out[5] = b4 * a01 + b5 * a11 + b6 * a21 + b7 * a31
  out[6] = b4 * a02 + b5 * a12 + b6 * a22 + b7 * a32
  out[7] = b4 * a03 + b5 * a13 + b6 * a23 + b7 * a33
  out[8] = b8 * a00 + b9 * a10 + b10 * a20 + b11 * a30
  out[9] = b8 * a01 + b9 * a11 + b10 * a21 + b11 * a31
  out[10] = b8 * a02 + b9 * a12 + b10 * a22 + b11 * a32
  out[11] = b8 * a03 + b9 * a13 + b10 * a23 + b11 * a33
  out[12] = b12 * a00 + b13 * a10 + b14 * a20 + b15 * a30
  out[13] = b12 * a01 + b13 * a11 + b14 * a21 + b15 * a31
  out[14] = b12 * a02 + b13 * a12 + b14 * a22 + b15 * a32
  out[15] = b12 * a03 + b13 * a13 + b14 * a23 + b15 * a33
  return out
}

/** out = translation by v. */
export function fromTranslation(out: Mat4, v: Vec3): Mat4 {
  identity(out)
  out[12] = v[0]!
  out[13] = v[1]!
  out[14] = v[2]!
  return out
}

/** out = scaling by v. */
export function fromScaling(out: Mat4, v: Vec3): Mat4 {
  identity(out)
  out[0] = v[0]!
  out[5] = v[1]!
  out[10] = v[2]!
  return out
}

/** out = rotation by `rad` about the x axis (right-hand rule). */
export function fromXRotation(out: Mat4, rad: number): Mat4 {
  const s = Math.sin(rad)
  const c = Math.cos(rad)
  identity(out)
  out[5] = c
  out[6] = s
  out[9] = -s
  out[10] = c
  return out
}

/** out = rotation by `rad` about the y axis (right-hand rule: +z turns toward +x). */
export function fromYRotation(out: Mat4, rad: number): Mat4 {
  const s = Math.sin(rad)
  const c = Math.cos(rad)
  identity(out)
  out[0] = c
  out[2] = -s
  out[8] = s
  out[10] = c
  return out
}

/** out = rotation by `rad` about the z axis (right-hand rule: +x turns toward +y). */
export function fromZRotation(out: Mat4, rad: number): Mat4 {
  const s = Math.sin(rad)
  const c = Math.cos(rad)
  identity(out)
  out[0] = c
  out[1] = s
  out[4] = -s
  out[5] = c
  return out
}

/** out = a^-1, or null (out untouched) when a is singular. */
export function invert(out: Mat4, a: Mat4): Mat4 | null {
  const a00 = a[0]!,
    a01 = a[1]!,
    a02 = a[2]!,
    a03 = a[3]!
  const a10 = a[4]!,
    a11 = a[5]!,
    a12 = a[6]!,
    a13 = a[7]!
  const a20 = a[8]!,
    a21 = a[9]!,
    a22 = a[10]!,
    a23 = a[11]!
  const a30 = a[12]!,
    a31 = a[13]!,
    a32 = a[14]!,
    a33 = a[15]!
  const b00 = a00 * a11 - a01 * a10
  const b01 = a00 * a12 - a02 * a10
  const b02 = a00 * a13 - a03 * a10
  const b03 = a01 * a12 - a02 * a11
  const b04 = a01 * a13 - a03 * a11
  const b05 = a02 * a13 - a03 * a12
  const b06 = a20 * a31 - a21 * a30
  const b07 = a20 * a32 - a22 * a30
  const b08 = a20 * a33 - a23 * a30
  const b09 = a21 * a32 - a22 * a31
  const b10 = a21 * a33 - a23 * a31
  const b11 = a22 * a33 - a23 * a32
  const det = b00 * b11 - b01 * b10 + b02 * b09 + b03 * b08 - b04 * b07 + b05 * b06
  if (!det || !Number.isFinite(det)) return null
  const d = 1 / det
  out[0] = (a11 * b11 - a12 * b10 + a13 * b09) * d
  out[1] = (a02 * b10 - a01 * b11 - a03 * b09) * d
  out[2] = (a31 * b05 - a32 * b04 + a33 * b03) * d
  out[3] = (a22 * b04 - a21 * b05 - a23 * b03) * d
  out[4] = (a12 * b08 - a10 * b11 - a13 * b07) * d
  out[5] = (a00 * b11 - a02 * b08 + a03 * b07) * d
  out[6] = (a32 * b02 - a30 * b05 - a33 * b01) * d
  out[7] = (a20 * b05 - a22 * b02 + a23 * b01) * d
  out[8] = (a10 * b10 - a11 * b08 + a13 * b06) * d
  out[9] = (a01 * b08 - a00 * b10 - a03 * b06) * d
  out[10] = (a30 * b04 - a31 * b02 + a33 * b00) * d
  out[11] = (a21 * b02 - a20 * b04 - a23 * b00) * d
  out[12] = (a11 * b07 - a10 * b09 - a12 * b06) * d
  out[13] = (a00 * b09 - a01 * b07 + a02 * b06) * d
  out[14] = (a31 * b01 - a30 * b03 - a32 * b00) * d
  out[15] = (a20 * b03 - a21 * b01 + a22 * b00) * d
  return out
}

/**
 * out = view matrix of a camera at `eye` looking at `center` with `up` (right-handed: the camera looks down -z).
 * Returns null when eye == center or up is parallel to the view direction.
 */
export function lookAt(out: Mat4, eye: Vec3, center: Vec3, up: Vec3): Mat4 | null {
  const ex = eye[0]!,
    ey = eye[1]!,
    ez = eye[2]!
  let zx = ex - center[0]!,
    zy = ey - center[1]!,
    zz = ez - center[2]!
  let len = Math.hypot(zx, zy, zz)
  if (len === 0) return null
  zx /= len
  zy /= len
  zz /= len
  const ux = up[0]!,
    uy = up[1]!,
    uz = up[2]!
  let xx = uy * zz - uz * zy,
    xy = uz * zx - ux * zz,
    xz = ux * zy - uy * zx
  len = Math.hypot(xx, xy, xz)
  if (len === 0) return null
  xx /= len
  xy /= len
  xz /= len
  const yx = zy * xz - zz * xy,
    yy = zz * xx - zx * xz,
    yz = zx * xy - zy * xx
  out[0] = xx
  out[1] = yx
  out[2] = zx
  out[3] = 0
  out[4] = xy
  out[5] = yy
  out[6] = zy
  out[7] = 0
  out[8] = xz
  out[9] = yz
  out[10] = zz
  out[11] = 0
  out[12] = -(xx * ex + xy * ey + xz * ez)
  out[13] = -(yx * ex + yy * ey + yz * ez)
  out[14] = -(zx * ex + zy * ey + zz * ez)
  out[15] = 1
  return out
}

/**
 * out = OpenGL-style perspective projection: vertical field of view `fovy` (radians), `aspect` = width / height,
 * near/far clip distances (> 0). Clip-space z/w runs -1 (near) to 1 (far); w = distance in front of the camera.
 */
export function perspective(
  out: Mat4,
  fovy: number,
  aspect: number,
  near: number,
  far: number
): Mat4 {
  const f = 1 / Math.tan(fovy / 2)
  const nf = 1 / (near - far)
  out.fill(0)
  out[0] = f / aspect
  out[5] = f
  out[10] = (far + near) * nf
  out[11] = -1
  out[14] = 2 * far * near * nf
  return out
}

/**
 * out = viewport transform: NDC x, y in [-1, 1] to pixels (x right, y DOWN, origin top-left, pixel centres at
 * +0.5), NDC z in [-1, 1] to depth [0, 1].
 */
export function viewport(out: Mat4, width: number, height: number): Mat4 {
  identity(out)
  out[0] = width / 2
  out[5] = -height / 2
  out[10] = 0.5
  out[12] = width / 2
  out[13] = height / 2
  out[14] = 0.5
  return out
}

/** out = m applied to the point (x, y, z, 1), as a homogeneous 4-vector (no divide). */
export function transformPoint4(
  out: Float32Array,
  m: Mat4,
  x: number,
  y: number,
  z: number
): Float32Array {
  const rx = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!
  const ry = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!
  const rz = m[2]! * x + m[6]! * y + m[10]! * z + m[14]!
  const rw = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!
  out[0] = rx
  out[1] = ry
  out[2] = rz
  out[3] = rw
  return out
}

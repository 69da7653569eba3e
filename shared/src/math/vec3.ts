/**
 * @module math/vec3 — 3-component vectors over Float32Array, gl-matrix style.
 * Every operation writes into `out` and returns it; only `create()`/`fromValues()` allocate. Inputs are read into
 * locals first, so `out` may alias any argument.
 */

/** A 3-vector (x, y, z). Units are whatever the caller's space uses (the engine: centimetres, head space). */
export type Vec3 = Float32Array

/** A new zero vector. */
export function create(): Vec3 {
  return new Float32Array(3)
}

/** A new vector holding (x, y, z). */
export function fromValues(x: number, y: number, z: number): Vec3 {
  const out = new Float32Array(3)
  out[0] = x
  out[1] = y
  out[2] = z
  return out
}

/** out = (x, y, z) */
export function set(out: Vec3, x: number, y: number, z: number): Vec3 {
  out[0] = x
  out[1] = y
  out[2] = z
  return out
}

/** out = a + b */
export function add(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  const x = a[0]! + b[0]!
  const y = a[1]! + b[1]!
  const z = a[2]! + b[2]!
  return set(out, x, y, z)
}

/** out = a - b */
export function sub(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  const x = a[0]! - b[0]!
  const y = a[1]! - b[1]!
  const z = a[2]! - b[2]!
  return set(out, x, y, z)
}

/** out = a * s */
export function scale(out: Vec3, a: Vec3, s: number): Vec3 {
  return set(out, a[0]! * s, a[1]! * s, a[2]! * s)
}

/** a . b */
export function dot(a: Vec3, b: Vec3): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!
}

/** out = a x b (right-handed). */
export function cross(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  const ax = a[0]!
  const ay = a[1]!
  const az = a[2]!
  const bx = b[0]!
  const by = b[1]!
  const bz = b[2]!
  return set(out, ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx)
}

/** Euclidean length of a. */
export function length(a: Vec3): number {
  return Math.hypot(a[0]!, a[1]!, a[2]!)
}

/** out = a / |a|; a zero vector stays zero (no NaN). */
export function normalize(out: Vec3, a: Vec3): Vec3 {
  const x = a[0]!
  const y = a[1]!
  const z = a[2]!
  const len2 = x * x + y * y + z * z
  const inv = len2 > 0 ? 1 / Math.sqrt(len2) : 0
  return set(out, x * inv, y * inv, z * inv)
}

/** out = a + t * (b - a) */
export function lerp(out: Vec3, a: Vec3, b: Vec3, t: number): Vec3 {
  const ax = a[0]!
  const ay = a[1]!
  const az = a[2]!
  return set(out, ax + t * (b[0]! - ax), ay + t * (b[1]! - ay), az + t * (b[2]! - az))
}

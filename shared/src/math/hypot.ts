/**
 * @module math/hypot — Math.hypot for two and three numbers with V8's exact arithmetic (the same bits), but
 * without its cost: V8's builtin allocates a double array per call (garbage per vertex and per pixel in the
 * engine) and cannot be inlined. This is V8's algorithm (src/builtins/math.tq, MathHypot): Infinity wins over
 * NaN, NaN over the rest, 0 for all zeros; else each |x| is divided by the largest, their squares are summed with
 * Kahan compensation, and sqrt(sum) * max. IEEE arithmetic makes it the same in every JS engine; hypot.test.ts
 * checks it against the running engine's Math.hypot on millions of values.
 */

/** Math.hypot(x, y, z), bit for bit as V8 computes it. */
export function hypot3(x: number, y: number, z: number): number {
  const ax = Math.abs(x),
    ay = Math.abs(y),
    az = Math.abs(z)
  let max = 0
  if (ax > max) max = ax
  if (ay > max) max = ay
  if (az > max) max = az
  if (max === Infinity) return Infinity
  if (x !== x || y !== y || z !== z) return NaN
  if (max === 0) return 0
  let n = ax / max
  let sum = n * n // compensation 0: summand = n * n, preliminary = summand, compensation stays 0
  n = ay / max
  let s = n * n
  let p = sum + s
  const comp = p - sum - s
  sum = p
  n = az / max
  s = n * n - comp
  p = sum + s
  sum = p
  return Math.sqrt(sum) * max
}

/** Math.hypot(x, y), bit for bit as V8 computes it. */
export function hypot2(x: number, y: number): number {
  const ax = Math.abs(x),
    ay = Math.abs(y)
  let max = 0
  if (ax > max) max = ax
  if (ay > max) max = ay
  if (max === Infinity) return Infinity
  if (x !== x || y !== y) return NaN
  if (max === 0) return 0
  let n = ax / max
  const sum = n * n
  n = ay / max
  return Math.sqrt(sum + n * n) * max
}

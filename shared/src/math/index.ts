/**
 * @module math — gl-matrix-style vec3/mat4 over Float32Array (column-major, post-multiplied, radians).
 * @example
 * import { mat4, vec3 } from '../math/index.ts'
 * const m = mat4.mul(mat4.create(), proj, view)
 */
export * as vec3 from './vec3.ts'
export * as mat4 from './mat4.ts'
export type { Vec3 } from './vec3.ts'
export type { Mat4 } from './mat4.ts'

/**
 * @module engine/v2/iris-area — how much iris a render could show: the iris discs' projected area, the denominator
 * of the "eyes read as open" measure (eye-open.test.ts and cli/scripts/look-eye-open.ts count the iris samples a
 * render shows; over this area that is the share of each iris the lids leave visible).
 */
import { IRIS_CENTERS, LIMBUS_UV } from './look/eye.ts'
import { MATERIAL, type HeadMesh } from './mesh-types.ts'

/** Whether eyeball texture coordinate (u, v) lies inside an iris disc. */
export function inIris(u: number, v: number): boolean {
  return IRIS_CENTERS.some((c) => (u - c[0]) ** 2 + (v - c[1]) ** 2 < LIMBUS_UV ** 2)
}

/** Projected area, in pixels of a `side` x `side` target seen through `viewProj`, of the front-facing eyeball
 * triangles whose centre lies in an iris disc. */
export function irisArea(mesh: HeadMesh, viewProj: ArrayLike<number>, side: number): number {
  const P = mesh.positions
  const m = viewProj
  const screen = (v: number): [number, number] => {
    const x = P[v * 3]!,
      y = P[v * 3 + 1]!,
      z = P[v * 3 + 2]!
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!
    return [
      (((m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w + 1) * side) / 2,
      (((m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w + 1) * side) / 2,
    ]
  }
  let area = 0
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (mesh.material[t] !== MATERIAL.eyeball) continue
    const [a, b, d] = [0, 1, 2].map((k) => mesh.indices[t * 3 + k]!) as [number, number, number]
    const u = (mesh.uvs[a * 2]! + mesh.uvs[b * 2]! + mesh.uvs[d * 2]!) / 3
    const v = (mesh.uvs[a * 2 + 1]! + mesh.uvs[b * 2 + 1]! + mesh.uvs[d * 2 + 1]!) / 3
    if (!inIris(u, v)) continue
    const [p, q, r] = [screen(a), screen(b), screen(d)]
    const s = ((q[0] - p[0]) * (r[1] - p[1]) - (r[0] - p[0]) * (q[1] - p[1])) / 2
    if (s > 0) area += s
  }
  return area
}

/**
 * @module face/ibug68 — the 68 iBUG-300W landmarks picked from the 468-point FaceMesh.
 *
 * iBUG order (0-based): 0-16 jaw from the subject's right ear to the left ear (image left to right), 17-21 right
 * brow and 22-26 left brow (outer to inner / inner to outer, left to right on the image), 27-30 nose bridge top
 * to tip, 31-35 nostrils right to left, 36-41 right eye and 42-47 left eye (from the outer/left corner,
 * clockwise on the image: corner, 2 upper lid, corner, 2 lower lid), 48-59 outer lips from the right corner,
 * 60-67 inner lips. The mesh has no vertices at iBUG's jaw spacing, so the jaw points 0-16 are resampled along
 * the mesh's face oval (FACEMESH_FACE_OVAL, from 127 beside the right eye down to the chin 152 and up to 356):
 * 0-8 evenly spaced by length from 127 to the chin, 8-16 from the chin to 356, as the iBUG guide spaces them.
 * Likewise the brows 17-21 / 22-26 are resampled evenly along the mesh's UPPER brow edges (as iBUG's brow points
 * are), and the nose bridge 28-29 at thirds of the ridge from 168 to the tip 4. `IBUG68_FROM_MESH` names a mesh
 * vertex near each point (exact for all others; for reports).
 */

/** Mesh vertex index for each iBUG point 0..67. */
export const IBUG68_FROM_MESH: readonly number[] = [
  // jaw 0-16 (resampled along the oval, see above): the oval vertex nearest each point of a neutral face
  127,
  234, 93, 58, 172, 136, 149, 148, 152, 377, 378, 365, 397, 288, 323, 454, 356,
  // brows 17-21 (subject's right), 22-26 (left)
  // (the upper-edge chains of FaceMesh's eyebrows; 70 / 300 are their outer ends on the upper edge)
  70, 63, 105, 66, 107, 336, 296, 334, 293, 300,
  // nose bridge 27-30, nostrils 31-35
  168, 197, 5, 4, 75, 97, 2, 326, 305,
  // right eye 36-41, left eye 42-47
  33, 160, 158, 133, 153, 144, 362, 385, 387, 263, 373, 380,
  // outer lips 48-59
  61, 39, 37, 0, 267, 269, 291, 405, 314, 17, 84, 181,
  // inner lips 60-67
  78, 82, 13, 312, 308, 317, 14, 87,
]

/** The face oval's lower half, subject's right (image left) from beside the eye to the chin, then the left. */
export const OVAL_RIGHT = [127, 234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152] as const
export const OVAL_LEFT = [356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152] as const

/** FaceMesh's upper brow edges (outer end to inner end / inner to outer, image left to right). */
export const BROW_RIGHT = [70, 63, 105, 66, 107] as const
export const BROW_LEFT = [336, 296, 334, 293, 300] as const
/** The nose ridge from between the eyes (168) to the tip (4). */
export const NOSE_RIDGE = [168, 6, 197, 195, 5, 4] as const

/**
 * Writes `count` points evenly spaced by length along the mesh polyline `chain` (ends included) into
 * out[2*first...] (in reverse order if asked): iBUG spaces its jaw, brow and nose-bridge points evenly along the
 * feature, and the mesh's vertices along them are not evenly spaced.
 */
function resampleChain(
  mesh: Float32Array,
  chain: readonly number[],
  out: Float32Array,
  first: number,
  reverse: boolean,
  count = 9
): void {
  const len = [0]
  for (let i = 1; i < chain.length; i++) {
    const a = chain[i - 1]! * 3
    const b = chain[i]! * 3
    len.push(len[i - 1]! + Math.hypot(mesh[b]! - mesh[a]!, mesh[b + 1]! - mesh[a + 1]!))
  }
  const total = len[len.length - 1]!
  let seg = 0
  for (let k = 0; k < count; k++) {
    const target = (k / (count - 1)) * total
    while (seg < chain.length - 2 && len[seg + 1]! < target) seg++
    const span = len[seg + 1]! - len[seg]!
    const t = span > 0 ? Math.min(1, Math.max(0, (target - len[seg]!) / span)) : 0
    const a = chain[seg]! * 3
    const b = chain[seg + 1]! * 3
    const i = first + (reverse ? count - 1 - k : k)
    out[2 * i] = mesh[a]! + t * (mesh[b]! - mesh[a]!)
    out[2 * i + 1] = mesh[a + 1]! + t * (mesh[b + 1]! - mesh[a + 1]!)
  }
}

/** iBUG indices of the outer eye corners (right eye's outer = 36, left eye's outer = 45). */
export const IBUG_OUTER_EYE_CORNERS = [36, 45] as const

/** The 68 points [x, y] * 68 from a mesh [x, y, z] * 468. */
export function ibug68FromMesh(mesh: Float32Array): Float32Array {
  const out = new Float32Array(136)
  IBUG68_FROM_MESH.forEach((m, i) => {
    out[2 * i] = mesh[m * 3]!
    out[2 * i + 1] = mesh[m * 3 + 1]!
  })
  resampleChain(mesh, OVAL_RIGHT, out, 0, false)
  resampleChain(mesh, OVAL_LEFT, out, 8, true)
  resampleChain(mesh, BROW_RIGHT, out, 17, false, 5)
  resampleChain(mesh, BROW_LEFT, out, 22, false, 5)
  resampleChain(mesh, NOSE_RIDGE, out, 27, false, 4)
  return out
}

/** Distance between the outer eye corners of 68 points [x, y] * 68 (the NME normaliser). */
export function interOcular(ibug68: ArrayLike<number>): number {
  const [a, b] = IBUG_OUTER_EYE_CORNERS
  return Math.hypot(ibug68[2 * b]! - ibug68[2 * a]!, ibug68[2 * b + 1]! - ibug68[2 * a + 1]!)
}

/**
 * @module face/ibug68 — the 68 iBUG-300W landmarks picked from the 468-point FaceMesh.
 *
 * iBUG order (0-based): 0-16 jaw from the subject's right ear to the left ear (image left to right), 17-21 right
 * brow and 22-26 left brow (outer to inner / inner to outer, left to right on the image), 27-30 nose bridge top
 * to tip, 31-35 nostrils right to left, 36-41 right eye and 42-47 left eye (from the outer/left corner,
 * clockwise on the image: corner, 2 upper lid, corner, 2 lower lid), 48-59 outer lips from the right corner,
 * 60-67 inner lips. The mesh has no exact jaw contour at iBUG's spacing, so the jaw points are the nearest mesh
 * vertices on the face oval, spread from eye level to the chin; expect them to differ most from 68-point
 * annotations. Brows follow the mesh's upper brow edge, as iBUG's brow points do.
 */

/** Mesh vertex index for each iBUG point 0..67. */
export const IBUG68_FROM_MESH: readonly number[] = [
  // jaw 0-16: the face oval from eye level (127 / 356, beside the outer eye corners) down to the chin (152)
  127,
  234, 93, 58, 172, 136, 149, 148, 152, 377, 378, 365, 397, 288, 323, 454, 356,
  // brows 17-21 (subject's right), 22-26 (left)
  71, 63, 105, 66, 107, 336, 296, 334, 293, 301,
  // nose bridge 27-30, nostrils 31-35
  168, 197, 5, 4, 75, 97, 2, 326, 305,
  // right eye 36-41, left eye 42-47
  33, 160, 158, 133, 153, 144, 362, 385, 387, 263, 373, 380,
  // outer lips 48-59
  61, 39, 37, 0, 267, 269, 291, 405, 314, 17, 84, 181,
  // inner lips 60-67
  78, 82, 13, 312, 308, 317, 14, 87,
]

/** iBUG indices of the outer eye corners (right eye's outer = 36, left eye's outer = 45). */
export const IBUG_OUTER_EYE_CORNERS = [36, 45] as const

/** The 68 points [x, y] * 68 from a mesh [x, y, z] * 468. */
export function ibug68FromMesh(mesh: Float32Array): Float32Array {
  const out = new Float32Array(136)
  IBUG68_FROM_MESH.forEach((m, i) => {
    out[2 * i] = mesh[m * 3]!
    out[2 * i + 1] = mesh[m * 3 + 1]!
  })
  return out
}

/** Distance between the outer eye corners of 68 points [x, y] * 68 (the NME normaliser). */
export function interOcular(ibug68: ArrayLike<number>): number {
  const [a, b] = IBUG_OUTER_EYE_CORNERS
  return Math.hypot(ibug68[2 * b]! - ibug68[2 * a]!, ibug68[2 * b + 1]! - ibug68[2 * a + 1]!)
}

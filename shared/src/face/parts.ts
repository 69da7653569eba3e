/**
 * @module face/parts — facial-part polygons as FaceMesh vertex loops (MediaPipe's canonical 468 topology),
 * written out here because @mediapipe/face_mesh is not a dependency. Right/left are the SUBJECT's.
 */

/** Part names, in drawing order (later parts are cut out of earlier ones). */
export const FACE_PARTS = ['skin', 'brows', 'eyes', 'nose', 'lips'] as const
export type FacePart = (typeof FACE_PARTS)[number]

/** The face oval, clockwise on the image from the forehead top (10). */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148,
  176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
]
/** Outer lip contour from the right mouth corner (61) along the upper lip, back along the lower lip. */
export const LIPS_OUTER = [
  61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146,
]
/** Inner lip contour (the lips' meeting line, or the open mouth's edge) from the right mouth corner (78) along the
 * upper lip, back along the lower lip: the vermilion lies between it and LIPS_OUTER. */
export const LIPS_INNER = [
  78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95,
]
/** Eye openings (lid margins) from the outer corner along the upper lid. */
export const RIGHT_EYE = [
  33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7,
]
export const LEFT_EYE = [
  263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249,
]
/** Brows: upper edge outer to inner, then lower edge inner to outer. */
export const RIGHT_BROW = [70, 63, 105, 66, 107, 55, 65, 52, 53, 46]
export const LEFT_BROW = [300, 293, 334, 296, 336, 285, 295, 282, 283, 276]
/** Nose: bridge top (168) down the right side, round the nostrils, up the left side. */
export const NOSE = [
  168, 193, 245, 188, 174, 236, 198, 209, 49, 48, 64, 98, 97, 2, 326, 327, 294, 278, 279, 429, 420,
  456, 399, 412, 465, 417,
]

/** The polygons of each part (a part may have several). */
export const PART_POLYGONS: Readonly<Record<FacePart, readonly (readonly number[])[]>> = {
  skin: [FACE_OVAL],
  brows: [RIGHT_BROW, LEFT_BROW],
  eyes: [RIGHT_EYE, LEFT_EYE],
  nose: [NOSE],
  lips: [LIPS_OUTER],
}

/**
 * @module face/types — what FaceAnalyzer returns: plain data, MediaPipe style. Unless noted, points are continuous
 * pixel coordinates of the analysed (decoded, upright) image: x right, y down, (0,0) the top-left corner.
 * "Left"/"right" are the SUBJECT's: the subject's right eye appears on the image's left in a non-mirrored photo.
 */

/** An axis-aligned box in image pixels; (x, y) is the top-left corner. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** BlazeFace's 6 keypoints, in this order. */
export const DETECTION_KEYPOINTS = [
  'rightEye',
  'leftEye',
  'noseTip',
  'mouthCenter',
  'rightEarTragion',
  'leftEarTragion',
] as const

/** One face found by the detector. */
export interface Detection {
  box: Box
  /** 6 keypoints (see DETECTION_KEYPOINTS), flat [x0, y0, ..., x5, y5], image pixels. */
  keypoints: Float32Array
  /** 0..1 detector confidence. */
  score: number
}

/** Head pose in degrees, camera frame: yaw > 0 the subject turns to their left (towards image right),
 * pitch > 0 chin up, roll > 0 head tilts clockwise on screen. 0, 0, 0 is a frontal, upright face. */
export interface HeadPose {
  yaw: number
  pitch: number
  roll: number
}

/** Everything known about one face. */
export interface Face extends Detection {
  /** 468 FaceMesh points, flat [x, y, z] * 468: x, y image pixels; z relative depth in the same pixel units
   * (smaller = nearer the camera), 0 near the face's centre plane. MediaPipe's canonical topology. */
  mesh: Float32Array
  /** FaceMesh's confidence that the crop holds a face, 0..1. */
  meshScore: number
  /** The 68 iBUG-300W points picked from the mesh (see IBUG68_FROM_MESH), flat [x, y] * 68, image pixels. */
  ibug68: Float32Array
  pose: HeadPose
  /** Mesh with the head rotation removed: centred, frontal, inter-ocular distance 1; flat [x, y, z] * 468. */
  normalisedMesh: Float32Array
  /** Similarity map from the ALIGNED frame (continuous coords of a 1x1 square) to image pixels: x' = a*u + b*v + c. */
  alignToImage: [number, number, number, number, number, number]
  /** Inter-ocular distance (outer eye corners) in image pixels. */
  interOcular: number
}

/** The result of FaceAnalyzer.detect: arrays are always present and new on every call. */
export interface FaceResult {
  /** Faces with mesh and pose, the photo's subject first (large, central, frontal: pick.ts) (at most `maxFaces`). */
  faces: Face[]
  /** How many faces the detector found in all (may exceed faces.length). */
  detections: number
  /** Every detection (box, keypoints, score), in the same order; the first `faces.length` are those in `faces`. */
  allDetections: Detection[]
  /** Problems a person should hear about (no face, face too small, strong profile...), worst first. */
  warnings: FaceWarning[]
  /** Size of the analysed image in pixels. */
  width: number
  height: number
}

/** A problem with the photo, with a message that says what to do. */
export interface FaceWarning {
  code: 'no-face' | 'several-faces' | 'face-too-small' | 'profile' | 'low-confidence'
  message: string
}

/**
 * @module features/photo/worker/live-hint — what the selfie screen tells the player about the current camera frame
 * (a few times a second): the single most useful fix first.
 */
import type { FaceResult } from '@facecraft/shared/face'

/** Codes the capture screen reacts to ('ok': take the picture). */
export type LiveHintCode =
  'too-dark' | 'no-face' | 'several-faces' | 'move-closer' | 'move-back' | 'turn' | 'ok'

export interface LiveHint {
  code: LiveHintCode
  message: string
  /** The main face's box as fractions of the frame (for the guide), or null. */
  box: { x: number; y: number; width: number; height: number } | null
}

/** Below this mean luma (0-255) the detector and the colours suffer: ask for light. */
export const DARK_LUMA = 45
/** The face should fill at least this fraction of the frame's shorter side (the oval guide's width is ~0.55). */
export const MIN_FACE_FRACTION = 0.3
/**
 * The face should fill at most this fraction of the frame's shorter side. Why: the detector's box is about 13.6 cm of
 * face (engine heads), so through a phone's front camera (26 mm, 4:3) 0.75 is the eyes about 18 cm from the lens. From
 * that near the lens swells the middle of the face more than the creator's correction can take back (create/perspective:
 * engine characters from 22 cm to the eyes keep 0.807 of FaceRes cosine to themselves, from 14 cm 0.753, against 0.833
 * from a portrait's distance; docs/likeness.md session 42). Arm's length is about 0.35-0.45.
 */
export const MAX_FACE_FRACTION = 0.75
/**
 * Head turned left or right more than this (degrees of yaw) is not a front view. Why 12: the creator's characters
 * lose likeness with the turn from the start (engine renders of known people, docs/likeness.md session 40: 0.806
 * recogniser cosine to the truth from the front view, 0.782 at 10 degrees, 0.735 at 20), and from about 12 degrees
 * the hair read takes the face as turned (create/hair-mask TURN_SQUEEZED).
 */
export const MAX_YAW = 12
/** Head tilted up or down more than this (degrees of pitch); the pitch read is coarser than the yaw (face/pose). */
export const MAX_PITCH = 20
/** A second face at least this wide relative to the first is a second person, not a poster far behind. */
const RIVAL_RATIO = 0.6

const MESSAGES: Record<LiveHintCode, string> = {
  'too-dark': 'Too dark: face a window or a lamp.',
  'no-face': 'No face yet: look at the screen, face inside the oval.',
  'several-faces': 'Several faces: only you in the picture, please.',
  'move-closer': 'Move closer: fill the oval with your face.',
  'move-back': "Too close: hold the phone further away, at arm's length.",
  turn: 'Turn to the camera: look straight at it.',
  ok: 'Looks good: take the picture.',
}

/** The hint for a frame's analysis and its mean luma. */
export function liveHint(result: FaceResult, luma: number): LiveHint {
  const face = result.faces[0]
  const box = face
    ? {
        x: face.box.x / result.width,
        y: face.box.y / result.height,
        width: face.box.width / result.width,
        height: face.box.height / result.height,
      }
    : null
  const hint = (code: LiveHintCode): LiveHint => ({ code, message: MESSAGES[code], box })
  if (luma < DARK_LUMA) return hint('too-dark')
  if (!face) return hint('no-face')
  const rival = result.allDetections[1]
  if (rival && rival.box.width >= RIVAL_RATIO * face.box.width) return hint('several-faces')
  const side = Math.min(result.width, result.height)
  if (face.box.width < MIN_FACE_FRACTION * side) return hint('move-closer')
  if (face.box.width > MAX_FACE_FRACTION * side) return hint('move-back')
  if (Math.abs(face.pose.yaw) > MAX_YAW || Math.abs(face.pose.pitch) > MAX_PITCH)
    return hint('turn')
  return hint('ok')
}

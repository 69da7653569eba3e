/**
 * @module features/photo/worker/view-frame — frames a face of a photo the way the editor's preview frames a
 * character: engine v2's front view, whose default character has its 68 points at FRONT_LANDMARKS_V2. The compare
 * overlay and the result's photo are drawn through this map, so the photo's eyes, nose and mouth sit where a
 * character's do (the face box alone left them a feature's height off: detectors box faces differently).
 */
import { fitAlignPoints, type Affine } from '@facecraft/shared/face'
import { FRONT_LANDMARKS_V2 } from '@facecraft/shared/engine-v2/front-landmarks'

/**
 * The map from the preview's unit image ((0, 0) top-left, (1, 1) bottom-right) to the photo's pixels, for a face
 * with these 68 points (photo pixels): the similarity that fits the front view's points onto the face's.
 */
export function viewToPhoto(ibug68: ArrayLike<number>): Affine {
  return fitAlignPoints(FRONT_LANDMARKS_V2, ibug68)
}

/**
 * @module features/photo/worker/view-frame — frames a face of a photo the way the editor's preview frames a
 * character: engine v2's front view, whose default character has its 68 points at FRONT_LANDMARKS_V2. The compare
 * overlay and the result's photo are drawn through this map, so the photo's eyes, nose and mouth sit where a
 * character's do (the face box alone left them a feature's height off: detectors box faces differently).
 */
import { ALIGN_POINTS, fitSimilarity, type Affine } from '@facecraft/shared/face'
import { FRONT_LANDMARKS_V2 } from '@facecraft/shared/engine-v2/front-landmarks'

/**
 * The map from the preview's unit image ((0, 0) top-left, (1, 1) bottom-right) to the photo's pixels, for a face
 * with these 68 points (photo pixels): the least-squares similarity over the alignment points (brows, eyes, nose,
 * mouth; not the jaw line, which detectors place least surely).
 */
export function viewToPhoto(ibug68: ArrayLike<number>): Affine {
  const from: number[] = []
  const to: number[] = []
  for (const i of ALIGN_POINTS) {
    from.push(FRONT_LANDMARKS_V2[2 * i]!, FRONT_LANDMARKS_V2[2 * i + 1]!)
    to.push(ibug68[2 * i]!, ibug68[2 * i + 1]!)
  }
  return fitSimilarity(from, to)
}

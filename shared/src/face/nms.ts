/** @module face/nms — weighted non-maximum suppression (MediaPipe's WEIGHTED overlap type) over detections. */
import type { Box, Detection } from './types.ts'

/** Intersection over union of two boxes. */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  if (w <= 0 || h <= 0) return 0
  const inter = w * h
  return inter / (a.width * a.height + b.width * b.height - inter)
}

/**
 * Groups detections that overlap the best remaining one by more than `threshold` IoU and replaces each group by
 * the score-weighted mean of its boxes and keypoints (score: the group's best). Steadier than hard NMS.
 */
export function weightedNms(detections: readonly Detection[], threshold: number): Detection[] {
  const rest = [...detections].sort((a, b) => b.score - a.score)
  const out: Detection[] = []
  while (rest.length) {
    const best = rest[0]!
    const group = rest.filter((d) => iou(best.box, d.box) > threshold)
    for (const d of group) rest.splice(rest.indexOf(d), 1)
    if (group.length === 0) {
      rest.shift() // a degenerate box (zero area) overlaps nothing, not even itself
      continue
    }
    out.push(mergeGroup(group, best.score))
  }
  return out
}

function mergeGroup(group: readonly Detection[], score: number): Detection {
  let total = 0
  const box = { x: 0, y: 0, width: 0, height: 0 }
  const keypoints = new Float32Array(group[0]!.keypoints.length)
  for (const d of group) {
    total += d.score
    box.x += d.score * d.box.x
    box.y += d.score * d.box.y
    box.width += d.score * d.box.width
    box.height += d.score * d.box.height
    for (let i = 0; i < keypoints.length; i++)
      keypoints[i] = keypoints[i]! + d.score * d.keypoints[i]!
  }
  box.x /= total
  box.y /= total
  box.width /= total
  box.height /= total
  for (let i = 0; i < keypoints.length; i++) keypoints[i] = keypoints[i]! / total
  return { box, keypoints, score }
}

/**
 * Drops a detection when a better-scored one covers more than `threshold` of the smaller of the two boxes: the
 * whole-image tile sometimes fires on a region around a face that a finer tile found precisely.
 */
export function suppressContained(detections: readonly Detection[], threshold = 0.5): Detection[] {
  const sorted = [...detections].sort((a, b) => b.score - a.score)
  const kept: Detection[] = []
  for (const d of sorted) {
    const covered = kept.some((k) => {
      const w = Math.min(k.box.x + k.box.width, d.box.x + d.box.width) - Math.max(k.box.x, d.box.x)
      const h =
        Math.min(k.box.y + k.box.height, d.box.y + d.box.height) - Math.max(k.box.y, d.box.y)
      if (w <= 0 || h <= 0) return false
      const smaller = Math.min(k.box.width * k.box.height, d.box.width * d.box.height)
      return (w * h) / smaller > threshold
    })
    if (!covered) kept.push(d)
  }
  return kept
}

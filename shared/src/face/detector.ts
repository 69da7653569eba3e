/**
 * @module face/detector — BlazeFace short-range over a few square tiles of the image: preprocess (warp each tile
 * to 128x128 RGB 0..1) -> run -> postprocess (anchor decoding, score threshold, weighted NMS across tiles).
 * Tiles let a model made for selfies also find the small faces of a group photo.
 */
import type { ModelSession } from '../ml/session.ts'
import { applyAffine, cropToImage, type Affine } from './affine.ts'
import { blazeFaceAnchors } from './anchors.ts'
import { suppressContained, weightedNms } from './nms.ts'
import type { ImagePyramid } from './pyramid.ts'
import type { Detection } from './types.ts'

const INPUT = 128
const ANCHORS = blazeFaceAnchors(INPUT)
/** Values per anchor in the (1, 896, 17) output: score logit, box (cx, cy, w, h), 6 keypoints (x, y). */
const STRIDE = 17

/** Detector settings (see FaceAnalyzerOptions). */
export interface DetectorSettings {
  minScore: number
  iouThreshold: number
  /** Tile grids: 1 = the whole image as one square, n = n tiles across the longer side (overlapping). */
  grids: readonly number[]
}

/** One square tile: centre and side in image pixels. */
interface Tile {
  cx: number
  cy: number
  side: number
}

/** The tiles for grids `grids` over a `width`x`height` image; tiles overlap by a third so faces are seen whole. */
export function detectorTiles(width: number, height: number, grids: readonly number[]): Tile[] {
  const long = Math.max(width, height)
  const tiles: Tile[] = []
  for (const n of grids) {
    const side = n === 1 ? long : (long / n) * 1.33
    const across = (length: number) => {
      const count = Math.max(1, Math.ceil((n * length) / long))
      if (count === 1 || side >= length) return [length / 2]
      return Array.from({ length: count }, (_, i) => side / 2 + (i * (length - side)) / (count - 1))
    }
    for (const cy of across(height)) for (const cx of across(width)) tiles.push({ cx, cy, side })
  }
  return tiles
}

/** Runs the detector on every tile and returns merged detections, best first. */
export async function detectFaces(
  session: ModelSession,
  pyramid: ImagePyramid,
  settings: DetectorSettings
): Promise<Detection[]> {
  const { width, height } = pyramid.image
  const all: Detection[] = []
  for (const tile of detectorTiles(width, height, settings.grids)) {
    const toImage = cropToImage(tile.cx, tile.cy, tile.side, 0, INPUT)
    const input = pyramid.warp(toImage, INPUT, INPUT) // (1, 128, 128, 3) NHWC RGB 0..1
    const name = session.entry.inputs[0]!.name
    const outputs = await session.run({ [name]: { data: input, dims: [1, INPUT, INPUT, 3] } })
    const raw = Object.values(outputs).find((o) => o.data.length === ANCHORS.length * (STRIDE / 2))
    if (!raw) throw new Error(`Model '${session.entry.id}' did not return a (1, 896, 17) output.`)
    all.push(...decodeDetections(raw.data, toImage, settings.minScore))
  }
  return suppressContained(weightedNms(all, settings.iouThreshold))
}

/** Decodes raw (896, 17) anchor outputs above `minScore` into image-space detections through `toImage`. */
export function decodeDetections(
  raw: Float32Array,
  toImage: Affine,
  minScore: number
): Detection[] {
  const out: Detection[] = []
  const scale = toImage[0] // crop px -> image px (no rotation for detector tiles)
  for (let i = 0; i < ANCHORS.length / 2; i++) {
    const o = i * STRIDE
    const score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, raw[o]!))))
    if (score < minScore) continue
    const ax = ANCHORS[2 * i]! * INPUT
    const ay = ANCHORS[2 * i + 1]! * INPUT
    const [cx, cy] = applyAffine(toImage, ax + raw[o + 1]!, ay + raw[o + 2]!)
    const w = raw[o + 3]! * scale
    const h = raw[o + 4]! * scale
    if (!(w > 0 && h > 0)) continue
    const keypoints = new Float32Array(12)
    for (let k = 0; k < 6; k++) {
      const [x, y] = applyAffine(toImage, ax + raw[o + 5 + 2 * k]!, ay + raw[o + 6 + 2 * k]!)
      keypoints[2 * k] = x
      keypoints[2 * k + 1] = y
    }
    out.push({ box: { x: cx - w / 2, y: cy - h / 2, width: w, height: h }, keypoints, score })
  }
  return out
}

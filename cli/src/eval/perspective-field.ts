/**
 * @module cli/eval/perspective-field — measures shared/src/create/perspective-field.json: how the translator's 68
 * pose-normalised points move when the camera comes nearer than the canonical 100 cm, as FaceMesh reads engine
 * renders. Regenerate after a camera, mesh or face-model change: `npx tsx cli/scripts/perspective-field.ts`.
 *
 * Each character is rendered from 100 cm and from each of NEAR_CM (the lens widened so the head keeps its framing,
 * as a phone's front camera does), and FaceMesh's points of both are pose-normalised as the translator's features
 * are. The distance a photo's creator will estimate is the camera's to the outer eye corners, from the lens and the
 * eye span in pixels: the eye span in cm and the eye corners' depth (their offset from the head's origin, toward the
 * camera) are fitted together, by least squares over all renders, so that the estimate is the render's own. The field
 * is then the least-squares slope, per coordinate, of the points' displacement on `1 / D - 1 / D_ref` through the origin.
 */
import { eyeSpan, FaceAnalyzer } from '@facecraft/shared/face'
import {
  featurePoints,
  FEATURE_POINTS,
  FILM_DIAGONAL_MM,
  focalLengthPx,
  type PerspectiveField,
} from '@facecraft/shared/create'
import type { Character } from '@facecraft/shared/rig'
import { VIEW_V2 } from '@facecraft/shared/engine-v2'
import { nodeModelSource } from '../commands/detect.ts'
import { engineV2 as loadEngineV2, lookShader } from '../engine-v2.ts'
import { BACKGROUND, engineV2 } from './engines.ts'

/** Camera distances (cm, to the head's origin) the field is fitted on: arm's length to a step back. */
export const NEAR_CM = Object.freeze([30, 40, 55, 70])
/** Plausible characters (seeds 1..n): far from eval likeness's synthetic seeds. */
export const FIELD_CHARACTERS = 40
/** Render size: a phone selfie's face is at least this large. */
const SIZE = 512

/**
 * The 35-mm-equivalent focal length (mm) of a square render from `distanceCm` (engine/v2/view cameraAt: the lens
 * widened to keep the head's framing): 87 mm at the canonical 100 cm, 26 mm (a phone's front camera) at 30 cm.
 */
export function renderFocalLength(distanceCm: number): number {
  const halfHeight = VIEW_V2.eye[2] * Math.tan((VIEW_V2.fovYDeg * Math.PI) / 360)
  const focalPx = (0.5 * distanceCm) / halfHeight // image sides 1
  return (focalPx / Math.SQRT2) * FILM_DIAGONAL_MM
}

/** One character as FaceMesh reads it from 100 cm and from each of NEAR_CM. */
interface Views {
  points: Float32Array
  near: { distance: number; points: Float32Array; focalPx: number; spanPx: number }[]
}

/** Measures the field on `characters` plausible characters (seeds 1..n). */
export async function measurePerspectiveField(
  characters = FIELD_CHARACTERS
): Promise<PerspectiveField> {
  const ev = engineV2()
  const engine = loadEngineV2()
  const analyzer = await FaceAnalyzer.createFromOptions({
    models: await nodeModelSource(),
    maxFaces: 1,
  })
  const views: Views[] = []
  try {
    const mesh = async (c: Character, distance?: number) => {
      const image = engine.render(c, { size: SIZE, background: BACKGROUND, distance }, lookShader)
      const face = (await analyzer.detect(image)).faces[0]
      if (!face)
        throw new Error(`perspective-field: no face found in a render from ${distance ?? 100} cm`)
      return face.mesh
    }
    for (let i = 0; i < characters; i++) {
      const c = ev.character(ev.random(i + 1)) as Character
      const near = []
      for (const distance of NEAR_CM) {
        const m = await mesh(c, distance)
        const lens = { focalLength35mm: renderFocalLength(distance) }
        const focalPx = focalLengthPx(lens, { width: SIZE, height: SIZE })
        near.push({ distance, points: featurePoints(m), focalPx, spanPx: eyeSpan(m) })
      }
      views.push({ points: featurePoints(await mesh(c)), near })
    }
  } finally {
    await analyzer.close()
  }
  return fitField(views)
}

/** The eye span, the eye corners' depth and the field from the views (see the module comment). */
function fitField(views: Views[]): PerspectiveField {
  // focalPx / spanPx = (distance - depth) / span: a line in the distance, slope 1 / span, intercept -depth / span.
  const obs = views.flatMap((v) => v.near.map((n) => [n.distance, n.focalPx / n.spanPx] as const))
  const mx = obs.reduce((s, [x]) => s + x, 0) / obs.length
  const my = obs.reduce((s, [, y]) => s + y, 0) / obs.length
  const sxy = obs.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const sxx = obs.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  const slope = sxy / sxx
  const span = 1 / slope
  const depth = -(my - slope * mx) * span
  const reference = VIEW_V2.eye[2] - depth
  const field = new Array<number>(FEATURE_POINTS * 3).fill(0)
  let uu = 0
  for (const v of views)
    for (const n of v.near) {
      const u = 1 / (n.distance - depth) - 1 / reference
      uu += u * u
      for (let k = 0; k < field.length; k++)
        field[k] = field[k]! + u * (n.points[k]! - v.points[k]!)
    }
  return {
    referenceCm: round(reference, 2),
    eyeSpanCm: round(span, 3),
    field: field.map((f) => round(f / uu, 3)),
  }
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

/**
 * @module face/embed — face-recognition embeddings on the aligned crop: preprocess (warp the recogniser's window
 * of the aligned frame to the model's input size, RGB 0..255) -> run -> postprocess (L2-normalise).
 */
import type { ModelSession } from '../ml/session.ts'
import type { Affine } from './affine.ts'
import { alignmentFor, composeAffine, embedWindow, scaledAlign } from './align.ts'
import { dlibChipToImage } from './dlib-chip.ts'
import type { ImagePyramid } from './pyramid.ts'

/**
 * Where a recogniser looks, as the map from its input's unit square to image pixels, for a face's 68 iBUG points:
 * dlib gets its own documented chip (dlib-chip.ts); MobileFace and FaceRes the window of the canonical frame
 * (embedWindow), which is how they were measured and tuned here.
 */
export function recogniserWindow(model: string, ibug68: ArrayLike<number>): Affine {
  if (model === 'face-embedder-dlib') return dlibChipToImage(ibug68)
  return composeAffine(alignmentFor(ibug68), embedWindow())
}

/**
 * The unit-length embedding of the image square that `windowToImage` maps the model's unit input square to
 * (see recogniserWindow).
 */
export async function embedFace(
  session: ModelSession,
  pyramid: ImagePyramid,
  windowToImage: Affine
): Promise<Float32Array> {
  const outputs = await runWindow(session, pyramid, windowToImage)
  const named = session.entry.outputs.find((o) => o.name === 'embedding')?.name
  const out = (named && outputs[named]) || Object.values(outputs)[0]
  if (!out) throw new Error(`Model '${session.entry.id}' returned no embedding.`)
  return l2normalise(out.data)
}

/** Age and gender as FaceRes estimates them (evaluation only). */
export interface FaceAttributes {
  /** Probability the face is female, 0..1. */
  female: number
  /** Age in years: the expectation of the 100-way age softmax. */
  age: number
}

/**
 * FaceRes's attribute heads on a window (see recogniserWindow). Its `gender` output is high for male faces
 * (vladmandic/human reads <= 0.5 as female; on the London set 0.0x for women, 0.9x for men), so female = 1 - it.
 */
export async function faceAttributes(
  session: ModelSession,
  pyramid: ImagePyramid,
  windowToImage: Affine
): Promise<FaceAttributes> {
  const outputs = await runWindow(session, pyramid, windowToImage)
  const gender = outputs['gender']?.data
  const age = outputs['age']?.data
  if (!gender || !age)
    throw new Error(
      `Model '${session.entry.id}' has no 'gender' and 'age' outputs (FaceRes has both).`
    )
  let sum = 0
  let expected = 0
  for (let i = 0; i < age.length; i++) {
    sum += age[i]!
    expected += i * age[i]!
  }
  return { female: 1 - gender[0]!, age: expected / (sum || 1) }
}

/** Runs a single-input image model on the window of the image (RGB 0..255 at the model's input size). */
async function runWindow(session: ModelSession, pyramid: ImagePyramid, windowToImage: Affine) {
  const spec = session.entry.inputs[0]!
  // (1, S, S, 3) NHWC, or (1, 3, S, S) NCHW when the converter kept channels first.
  const nchw = spec.shape[1] === 3
  const size = Number(nchw ? spec.shape[2] : spec.shape[1])
  if (!(size > 0)) throw new Error(`Model '${session.entry.id}' has no fixed input size.`)
  const toImage = scaledAlign(windowToImage, size)
  const nhwc = pyramid.warp(toImage, size, size, /* scale= */ 1, /* offset= */ 0)
  const data = nchw ? toNchw(nhwc, size) : nhwc
  return session.run({
    [spec.name]: { data, dims: nchw ? [1, 3, size, size] : [1, size, size, 3] },
  })
}

function toNchw(nhwc: Float32Array, size: number): Float32Array {
  const out = new Float32Array(nhwc.length)
  const plane = size * size
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = nhwc[i * 3 + c]!
  return out
}

/** `v` scaled to unit length (a zero vector stays zero). */
export function l2normalise(v: Float32Array): Float32Array {
  let n = 0
  for (const x of v) n += x * x
  n = Math.sqrt(n) || 1
  return v.map((x) => x / n)
}

/** Cosine similarity of two embeddings. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0, aa = 0, bb = 0 // prettier-ignore
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!
    aa += a[i]! * a[i]!
    bb += b[i]! * b[i]!
  }
  return ab / (Math.sqrt(aa * bb) || 1)
}

/**
 * @module face/embed — face-recognition embeddings on the aligned crop: preprocess (warp the recogniser's window
 * of the aligned frame to the model's input size, RGB 0..255) -> run -> postprocess (L2-normalise).
 */
import type { ModelSession } from '../ml/session.ts'
import type { Affine } from './affine.ts'
import { composeAffine, embedWindow, scaledAlign } from './align.ts'
import type { ImagePyramid } from './pyramid.ts'

/** The embedding of the face whose aligned frame maps to the image by `alignToImage`; unit length. */
export async function embedFace(
  session: ModelSession,
  pyramid: ImagePyramid,
  alignToImage: Affine
): Promise<Float32Array> {
  const spec = session.entry.inputs[0]!
  // (1, S, S, 3) NHWC, or (1, 3, S, S) NCHW when the converter kept channels first.
  const nchw = spec.shape[1] === 3
  const size = Number(nchw ? spec.shape[2] : spec.shape[1])
  if (!(size > 0)) throw new Error(`Model '${session.entry.id}' has no fixed input size.`)
  const toImage = scaledAlign(composeAffine(alignToImage, embedWindow()), size)
  const nhwc = pyramid.warp(toImage, size, size, /* scale= */ 1, /* offset= */ 0)
  const data = nchw ? toNchw(nhwc, size) : nhwc
  const outputs = await session.run({
    [spec.name]: { data, dims: nchw ? [1, 3, size, size] : [1, size, size, 3] },
  })
  const named = session.entry.outputs.find((o) => o.name === 'embedding')?.name
  const out = (named && outputs[named]) || Object.values(outputs)[0]
  if (!out) throw new Error(`Model '${session.entry.id}' returned no embedding.`)
  return l2normalise(out.data)
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

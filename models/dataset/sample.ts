/**
 * @module dataset/sample — one dataset sample: a character drawn from the rig, its front render in the canonical
 * aligned frame, the engine's exact 68 landmarks there, and the face pipeline's features of the render.
 * Generic over engines and rigs: it sees them only through a DatasetEngine (engines.ts).
 */
import { alignTemplate, FACE_PARTS, partLabels, type FaceAnalyzer } from '@facecraft/shared/face'
import type { Character } from '@facecraft/shared/rig'
import { sampleRng, type DatasetEngine } from './engines.ts'

/** The render background: white, as the engine evals use (an aligned photo crop keeps its own background). */
export const BACKGROUND: [number, number, number] = [255, 255, 255]

/** Everything stored for one sample; arrays are per-sample slices of the shard fields (see format.ts). */
export interface Sample {
  x: Float32Array // (V,) continuous parameters in [0, 1], rig order
  styles: Int32Array // (S,) style option indices, rig order
  image: Uint8Array // (size, size, 3) RGB render
  landmarks: Float32Array // (68, 2) engine iBUG points, unit frame (pixels / size)
  visible: Uint8Array // (68,)
  face: number // 1 when FaceAnalyzer found exactly one face on the render
  mesh: Float32Array // (468, 3) FaceMesh, unit frame (x, y, z / size); NaN when face = 0
  embedding: Float32Array // (E,) recogniser on the FaceMesh-aligned crop (as a photo gets it), unit; NaN if face = 0
  embeddingFrame: Float32Array // (E,) recogniser on the fixed window of the canonical frame, unit length
  partColors: Float32Array // (5, 3) median sRGB 0..255 per FACE_PARTS; NaN when a part is missing
  parts: Uint8Array // (size, size) part labels from FaceMesh (0 background, 1 + FACE_PARTS index); 0 if face = 0
}

/**
 * The character of sample `index`: with probability `priorShare` a plausible person (the rig's prior), otherwise
 * uniform over the rig as in Shi et al. Depends only on (seed, index), so shards regenerate identically.
 */
export function sampleCharacter(
  engine: DatasetEngine,
  seed: number,
  index: number,
  priorShare: number,
  detail = false
): Character {
  return engine.sample(sampleRng(seed, index), priorShare, detail)
}

/** The recogniser's window of the canonical frame, as a map from the window's unit square to the unit frame.
 * Mirrors face/align.ts embedWindow (not exported by @facecraft/shared/face): 2.2 outer-eye distances wide,
 * centred 0.06 of that distance below the eye line. Recorded in the dataset index so Python uses the same one. */
export function frameEmbedWindow(
  t: Float32Array = alignTemplate()
): [number, number, number, number, number, number] {
  const iod = Math.hypot(t[90]! - t[72]!, t[91]! - t[73]!) // iBUG 45 - 36
  const side = 2.2 * iod
  const cx = (t[72]! + t[90]!) / 2
  const cy = (t[73]! + t[91]!) / 2 + 0.06 * iod
  return [side, 0, cx - side / 2, 0, side, cy - side / 2]
}

/** Renders `character` at `size` and measures it with `analyzer` (whose manifest has the recogniser). */
export async function makeSample(
  engine: DatasetEngine,
  analyzer: FaceAnalyzer,
  character: Character,
  size: number
): Promise<Sample> {
  const { image: render, ...truth } = engine.render(character, size, BACKGROUND)
  const image = new Uint8Array(size * size * 3)
  for (let i = 0; i < size * size; i++)
    for (let c = 0; c < 3; c++) image[i * 3 + c] = render.data[i * 4 + c]!
  // The render IS the canonical frame (each engine renders into it): the unit frame maps to pixels by a scale.
  const frameFace = { ibug68: alignTemplate().map((v) => v * size) }
  const embeddingFrame = await analyzer.embed(render, frameFace)
  const result = await analyzer.detect(render)
  const face = result.detections === 1 ? result.faces[0] : undefined
  const nan = (n: number) => new Float32Array(n).fill(NaN)
  const sample: Sample = {
    x: engine.toVector(character),
    styles: engine.toStyles(character),
    image,
    landmarks: truth.ibug68.map((v) => v / size),
    visible: truth.visible,
    face: face ? 1 : 0,
    mesh: face ? face.mesh.map((v) => v / size) : nan(468 * 3),
    embedding: face ? await analyzer.embed(render, face) : nan(embeddingFrame.length),
    embeddingFrame,
    partColors: nan(FACE_PARTS.length * 3),
    parts: new Uint8Array(size * size),
  }
  if (face) {
    // The render is the frame, so the image's own labels are the aligned ones (what a photo gets at `size`).
    const labels = partLabels(face.mesh, size, size)
    sample.parts = labels.labels
    const colors = analyzer.partColors(render, face)
    FACE_PARTS.forEach((part, k) => {
      const rgb = colors[part]
      if (rgb) sample.partColors.set(rgb, k * 3)
    })
  }
  return sample
}

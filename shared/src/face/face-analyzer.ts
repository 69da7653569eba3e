/**
 * @module face/face-analyzer — the face SDK entry: FaceAnalyzer.createFromOptions(opts), detect(image) ->
 * FaceResult, embed(image, face), close(). Runs the same under onnxruntime-node and onnxruntime-web.
 */
import type { RgbaImage } from '../image/types.ts'
import { ModelLoader } from '../ml/loader.ts'
import { detectFaces } from './detector.ts'
import { ibug68FromMesh, interOcular } from './ibug68.ts'
import { roiFromDetection, roiFromMesh, runMesh } from './mesh.ts'
import { resolveOptions, type FaceAnalyzerOptions, type ResolvedFaceOptions } from './options.ts'
import { headPose, normaliseMesh } from './pose.ts'
import { ImagePyramid } from './pyramid.ts'
import { alignedCrop, alignmentFor } from './align.ts'
import { embedFace, faceAttributes, recogniserWindow, type FaceAttributes } from './embed.ts'
import type { Affine } from './affine.ts'
import {
  alignedPartLabels,
  partColors,
  partLabels,
  type PartColors,
  type PartLabels,
} from './masks.ts'
import type { EmbedderId } from './options.ts'
import { faceWarnings } from './warnings.ts'
import { rankDetections } from './pick.ts'
import type { Detection, Face, FaceResult } from './types.ts'

/** Detects faces, fits the mesh and measures pose; see FaceResult. */
export class FaceAnalyzer {
  private loader: ModelLoader | null
  // The pyramid of the last image, so that detect() then embed()/crops on the same image decode it once.
  private pyramids = new WeakMap<RgbaImage, ImagePyramid>()

  private constructor(private options: ResolvedFaceOptions) {
    this.loader = new ModelLoader(options.models, {
      device: options.device,
      runtime: options.runtime,
    })
  }

  /** Creates an analyzer and loads the detector and mesh models (embedders load on first use). */
  static async createFromOptions(options: FaceAnalyzerOptions): Promise<FaceAnalyzer> {
    const analyzer = new FaceAnalyzer(resolveOptions(undefined, options))
    await Promise.all([
      analyzer.models().load('face-detector'),
      analyzer.models().load('face-mesh'),
    ])
    return analyzer
  }

  /** Changes options; a field given as `undefined` returns to its default. Model settings need a new analyzer. */
  setOptions(patch: Partial<Omit<FaceAnalyzerOptions, 'models' | 'device' | 'runtime'>>): void {
    this.options = resolveOptions(this.options, patch)
  }

  /** The model loader (for embedders and tools). */
  models(): ModelLoader {
    if (!this.loader)
      throw new Error('FaceAnalyzer was closed; create a new one with createFromOptions.')
    return this.loader
  }

  /** Finds faces in `image` (the photo's subject first: large, central, frontal; see pick.ts), with mesh, 68 points, pose and alignment for up to maxFaces. */
  async detect(image: RgbaImage): Promise<FaceResult> {
    const o = this.options
    const pyramid = this.pyramid(image)
    const detector = await this.models().load('face-detector')
    const settings = { minScore: o.minDetectionConfidence, iouThreshold: o.iouThreshold }
    let detections = await detectFaces(detector, pyramid, { ...settings, grids: o.detectorGrids })
    // nothing found: finer tiles, for a face small in the photo (detectorFallbackGrids)
    const finer = o.detectorFallbackGrids.filter((n) => !o.detectorGrids.includes(n))
    if (!detections.length && finer.length)
      detections = await detectFaces(detector, pyramid, { ...settings, grids: finer })
    const ranked = rankDetections(detections, image.width, image.height)
    const faces: Face[] = []
    for (const d of ranked.slice(0, o.maxFaces)) faces.push(await this.describe(pyramid, d))
    const warnings = faceWarnings(detections.length, faces, o)
    return {
      faces,
      warnings,
      width: image.width,
      height: image.height,
      detections: ranked.length,
      allDetections: ranked,
    }
  }

  private async describe(pyramid: ImagePyramid, detection: Detection): Promise<Face> {
    const session = await this.models().load('face-mesh')
    let result = await runMesh(session, pyramid, roiFromDetection(detection))
    for (let pass = 1; pass < this.options.meshPasses; pass++)
      result = await runMesh(session, pyramid, roiFromMesh(result.mesh))
    const ibug68 = ibug68FromMesh(result.mesh)
    return {
      ...detection,
      mesh: result.mesh,
      meshScore: result.score,
      ibug68,
      pose: headPose(result.mesh),
      normalisedMesh: normaliseMesh(result.mesh),
      alignToImage: alignmentFor(ibug68),
      interOcular: interOcular(ibug68),
    }
  }

  /**
   * The unit-length recognition embedding of `face` on its aligned crop: `face-embedder` (MobileFace, 256-d,
   * default) or the evaluation recognisers `face-embedder-eval` (FaceRes 1024-d) and `face-embedder-dlib` (128-d,
   * on dlib's own 5-point 150x150 chip). Any object with 68 iBUG image points will do (e.g. an engine render's
   * exact landmarks).
   */
  async embed(
    image: RgbaImage,
    face: Pick<Face, 'ibug68'>,
    model: EmbedderId = 'face-embedder'
  ): Promise<Float32Array> {
    return this.embedWindow(image, recogniserWindow(model, face.ibug68), model)
  }

  /**
   * The embedding of an explicit window (the map from the model's unit input square to image pixels); for
   * experiments with other alignments. `embed` uses each recogniser's documented window.
   */
  async embedWindow(
    image: RgbaImage,
    windowToImage: Affine,
    model: EmbedderId = 'face-embedder'
  ): Promise<Float32Array> {
    const session = await this.models().load(model)
    return embedFace(session, this.pyramid(image), windowToImage)
  }

  /**
   * FaceRes's own attribute outputs for `face` on its recogniser window: `female` (0..1, the upstream
   * sigmoid read as in vladmandic/human: below 0.5 female) and `age` (years, the softmax's expectation).
   * Evaluation only: nothing in training sees them.
   */
  async attributes(image: RgbaImage, face: Pick<Face, 'ibug68'>): Promise<FaceAttributes> {
    const session = await this.models().load('face-embedder-eval')
    return faceAttributes(
      session,
      this.pyramid(image),
      recogniserWindow('face-embedder-eval', face.ibug68)
    )
  }

  /** The `size`x`size` crop of `face` in the canonical (engine front render) frame. */
  alignedCrop(image: RgbaImage, face: Face, size: number): RgbaImage {
    return alignedCrop(this.pyramid(image), face.alignToImage, size)
  }

  /** The `size`x`size` crop of `image` through `toImage` (the crop's unit square -> image pixels), from the
   * analyzer's cached pyramid of the image (a frame other than the face's canonical one, e.g. create/hair-mask's). */
  frameCrop(image: RgbaImage, toImage: Affine, size: number): RgbaImage {
    return alignedCrop(this.pyramid(image), toImage, size)
  }

  /** Part labels (skin, brows, eyes, nose, lips) over the image, or over the aligned crop of `alignedSize`. */
  partLabels(image: RgbaImage, face: Face, alignedSize?: number): PartLabels {
    if (alignedSize) return alignedPartLabels(face.mesh, face.alignToImage, alignedSize)
    return partLabels(face.mesh, image.width, image.height)
  }

  /** Median colour of each part in the image. */
  partColors(image: RgbaImage, face: Face): PartColors {
    return partColors(image, partLabels(face.mesh, image.width, image.height))
  }

  private pyramid(image: RgbaImage): ImagePyramid {
    let p = this.pyramids.get(image)
    if (!p) {
      p = new ImagePyramid(image)
      this.pyramids = new WeakMap([[image, p]]) // keep one: pyramids are big
    }
    return p
  }

  /** Releases every model session. */
  async close(): Promise<void> {
    const loader = this.loader
    this.loader = null
    await loader?.dispose()
  }
}

/**
 * @module features/photo/inference.worker — the one ONNX Runtime Worker: live checks of camera frames, faces in a
 * photo, photo -> character (CharacterCreator, the `create` models) and refinement (the `refine` graph), all on one
 * model loader over the model store's verified Cache API copies, so it all works offline. Failures come back as
 * values with codes (comlink would drop an Error's fields), so the screens can react to each.
 */
import { expose } from 'comlink'
import { CreateError, type CharacterCreator, type PhotoLens } from '@facecraft/shared/create'
import {
  DEFAULT_FACE_OPTIONS,
  faceWarnings,
  type Affine,
  type Box,
  type Face,
  type FaceWarning,
  type HeadPose,
  type ResolvedFaceOptions,
} from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import type { InstalledModels } from './model-store.ts'
import { liveHint, type LiveHint } from './worker/live-hint.ts'
import { groupedSource, type GroupedSource } from './worker/model-source.ts'
import { bitmapPixels, meanLuma, PhotoError, photoLens, photoPixels } from './worker/pixels.ts'
import { openCreator, type OpenedCreator } from './worker/runtime.ts'
import { viewToPhoto } from './worker/view-frame.ts'
import type { Backend } from './backend.ts'

/** The installed model groups the Worker may use (refine once downloaded). */
export interface WorkerModels {
  create: InstalledModels
  refine: InstalledModels | null
}

/** What the models run on after a load: the backend, its adapter, and why WebGPU fell back to WASM if it did. */
export type BackendInUse = Pick<OpenedCreator, 'backend' | 'adapter' | 'fallback'>

/** One face found in a photo, in the analysed image's pixels. */
export interface PhotoFace {
  box: Box
  /** 68 iBUG points, flat [x, y] * 68, analysed-image pixels. */
  ibug68: Float32Array
  /** The map from the editor preview's unit image to analysed-image pixels that frames this face as the preview
   * frames a character (worker/view-frame.ts). */
  view: Affine
  /** Head pose in degrees (yaw > 0: the subject turned to their left). */
  pose: HeadPose
  /** What is wrong with this face for creating from it (profile, too small...); empty when it is fine. */
  warnings: FaceWarning[]
}

/** Faces in a photo, the likely subject first. */
export interface PhotoAnalysis {
  /** Size of the analysed image (the shared rule: at most PHOTO_MAX_SIDE px). */
  width: number
  height: number
  faces: PhotoFace[]
  /** About the photo as a whole, worst first (no face, several faces, and the subject's own warnings). */
  warnings: FaceWarning[]
  ms: number
}

/** Why a step failed: a code to branch on and a message for the player. */
export interface Failure {
  ok: false
  code:
    | 'empty'
    | 'not-an-image'
    | 'too-large'
    | CreateError['code']
    | 'no-photo'
    | 'models'
    | 'internal'
  message: string
}

export type Outcome<T> = ({ ok: true } & T) | Failure

export interface Created {
  character: Character
  confidence: number
  ms: number
  /** What creation worked around that the player should know (e.g. a photo without colour), to show with the result. */
  notes: string[]
}

export interface RefineStep {
  step: number
  steps: number
  loss: number
}

export interface Refined {
  character: Character
  losses: number[]
  steps: number
  ms: number
  /** Why WebGPU was in use but WASM refined (the models now run on WASM); null when nothing fell back. */
  fallback: string | null
}

let creator: Promise<CharacterCreator> | null = null
let opened: Promise<OpenedCreator> | null = null
/** The backend the main thread asked for at the last load (the creator is reopened when it changes). */
let wantedBackend: Backend | null = null
let source: GroupedSource | null = null
let createRelease: string | null = null
/** The photo last analysed, so create() works on the face the player tapped without sending the photo again. */
let current: { image: RgbaImage; faces: Face[]; lens: PhotoLens | null } | null = null
let refineAbort: AbortController | null = null

const FACE_OPTIONS = DEFAULT_FACE_OPTIONS as ResolvedFaceOptions

async function ready(): Promise<CharacterCreator> {
  if (!creator) throw new Error('Face models are not loaded yet; download them first.')
  return creator
}

const api = {
  /**
   * Loads the create models on `backend` (again only when their release or the backend changed) and adds the
   * refine models when given. Answers what the models really run on (WebGPU may fall back to WASM).
   */
  async load(models: WorkerModels, backend: Backend = 'wasm'): Promise<BackendInUse> {
    if (!creator || createRelease !== models.create.release || wantedBackend !== backend) {
      const old = creator
      creator = null
      await old?.then((c) => c.close()).catch(() => undefined)
      source = groupedSource(models.create)
      createRelease = models.create.release
      wantedBackend = backend
      opened = openCreator(source, backend)
      creator = opened.then((o) => o.creator)
    }
    if (models.refine) source!.add(models.refine)
    try {
      const { backend: running, adapter, fallback } = await opened!
      return { backend: running, adapter, fallback }
    } catch (error) {
      creator = null
      opened = null
      createRelease = null
      throw error
    }
  },

  /** Finds the faces in a photo file (decoded here, EXIF orientation applied) and keeps it for create(). */
  async analyze(file: Blob): Promise<Outcome<{ analysis: PhotoAnalysis }>> {
    const start = performance.now()
    return guard(async () => {
      const [image, lens] = await Promise.all([photoPixels(file), photoLens(file)])
      const analyzer = (await ready()).faceAnalyzer()
      const result = await analyzer.detect(image)
      current = { image, faces: result.faces, lens }
      const faces = result.faces.map((f) => ({
        box: { ...f.box },
        ibug68: f.ibug68,
        view: viewToPhoto(f.ibug68),
        pose: { ...f.pose },
        warnings: faceWarnings(1, [f], FACE_OPTIONS),
      }))
      const analysis = {
        width: image.width,
        height: image.height,
        faces,
        warnings: result.warnings,
        ms: performance.now() - start,
      }
      return { analysis }
    })
  },

  /** A hint for one camera frame (few per second): too dark, no face, several, move closer, turn, or ok. */
  async frame(frame: ImageBitmap): Promise<LiveHint & { ms: number }> {
    const start = performance.now()
    const image = bitmapPixels(frame)
    const analyzer = (await ready()).faceAnalyzer()
    // The whole frame at once (no tiles): a selfie's face is large, and this keeps the checks a few per second.
    analyzer.setOptions({ detectorGrids: [1], detectorFallbackGrids: [], meshPasses: 1 })
    try {
      return {
        ...liveHint(await analyzer.detect(image), meanLuma(image)),
        ms: performance.now() - start,
      }
    } finally {
      analyzer.setOptions({
        detectorGrids: undefined,
        detectorFallbackGrids: undefined,
        meshPasses: undefined,
      })
    }
  },

  /** A character from face `index` of the photo last analysed. */
  async create(index: number): Promise<Outcome<Created>> {
    const start = performance.now()
    return guard(async () => {
      const face = current?.faces[index]
      if (!current || !face) return fail('no-photo', 'Choose a photo first.')
      const poor = faceWarnings(1, [face], FACE_OPTIONS).find(
        (w) => w.code === 'profile' || w.code === 'face-too-small'
      )
      if (poor) return fail('low-quality', poor.message)
      const made = await (
        await ready()
      ).createFromFace(current.image, face, current.lens ?? undefined)
      return {
        character: made.character,
        confidence: made.confidence,
        ms: performance.now() - start,
        notes: made.warnings.map((w) => w.message),
      }
    })
  },

  /**
   * Refines `character` toward the face at `box` (analysed-image pixels, as analyze() gave it) in `photo`, reporting
   * each step; cancel() stops it (code 'aborted'). Needs the refine group (load() with it).
   */
  async refine(
    photo: Blob,
    box: Box,
    character: Character,
    onStep: (step: RefineStep) => void,
    steps = 50
  ): Promise<Outcome<Refined>> {
    const start = performance.now()
    refineAbort?.abort()
    const abort = new AbortController()
    refineAbort = abort
    const attempt = async () => {
      const c = await ready()
      const why = c.canRefine()
      if (why) return fail('no-model', `Refining is not available: ${why}.`)
      const [image, lens] = await Promise.all([photoPixels(photo), photoLens(photo)])
      const faces = (await c.faceAnalyzer().detect(image)).faces
      const face = nearest(faces, box)
      if (!face)
        return fail(
          'no-face',
          'The face of this photo is no longer found; create the character again.'
        )
      const targets = await c.targets(image, face, lens ?? undefined)
      const out = await c.refine(character, targets, {
        steps,
        signal: abort.signal,
        onProgress: (p) => onStep({ step: p.step, steps: p.steps, loss: p.loss }),
      })
      return {
        character: out.character,
        losses: out.losses,
        steps: out.steps,
        ms: performance.now() - start,
        fallback: null,
      }
    }
    return guard(async () => {
      try {
        return await attempt()
      } catch (error) {
        // The refine graph is the largest model and the first to need new GPU kernels: on a phone its WebGPU
        // session or a step can fail (memory, a driver, a lost device) after create worked. Then refine (and
        // everything after) runs on WASM instead of dead-ending, and the reason is recorded for settings.
        const fallback = await fallBackToWasm(error)
        if (!fallback) throw error
        return { ...(await attempt()), fallback }
      }
    }).finally(() => {
      if (refineAbort === abort) refineAbort = null
    })
  },

  /** Stops a running refinement (it answers with code 'aborted'). */
  cancelRefine(): void {
    refineAbort?.abort()
  },
}

/**
 * After `error` in a step on WebGPU (not the player's doing: not a cancel, a bad photo or a missing model), reopens
 * the models on WASM over the same verified files and answers why; null when the error is not a WebGPU failure.
 * The WebGPU runtime is left alone (a failed WebGPU instance may not even release cleanly); the next load() keeps
 * WASM for this release and backend, so the choice shown in settings holds until the player or a new release
 * changes it.
 */
async function fallBackToWasm(error: unknown): Promise<string | null> {
  if (error instanceof CreateError || error instanceof PhotoError || !opened || !source) return null
  const was = await opened.catch(() => null)
  if (was?.backend !== 'webgpu') return null
  const fallback = `WebGPU could not run the refine model (${String((error as Error)?.message ?? error).slice(0, 200)})`
  console.warn(`${fallback}; refining on WASM`)
  opened = openCreator(source, 'wasm').then((o) => ({ ...o, fallback }))
  creator = opened.then((o) => o.creator)
  await creator
  // Released only once WASM runs: sessions share one call chain, and a broken WebGPU instance must not hold it up.
  void was.creator.close().catch(() => undefined)
  return fallback
}

/** The face whose box overlaps `box` most (the one the player chose when the photo was analysed). */
function nearest(faces: Face[], box: Box): Face | null {
  let best: Face | null = null
  let bestIou = 0.3
  for (const f of faces) {
    const x0 = Math.max(f.box.x, box.x)
    const y0 = Math.max(f.box.y, box.y)
    const x1 = Math.min(f.box.x + f.box.width, box.x + box.width)
    const y1 = Math.min(f.box.y + f.box.height, box.y + box.height)
    const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0)
    const iou = inter / (f.box.width * f.box.height + box.width * box.height - inter)
    if (iou > bestIou) [best, bestIou] = [f, iou]
  }
  return best
}

function fail(code: Failure['code'], message: string): Failure {
  return { ok: false, code, message }
}

/** Runs a step; a PhotoError or CreateError becomes a Failure with its code, anything else 'internal'. */
async function guard<T extends object>(run: () => Promise<T | Failure>): Promise<Outcome<T>> {
  try {
    const out = await run()
    return 'ok' in out && out.ok === false ? out : ({ ok: true, ...out } as Outcome<T>)
  } catch (error) {
    if (error instanceof PhotoError || error instanceof CreateError)
      return fail(error.code, error.message)
    console.error('inference failed', error)
    return fail('internal', `Something went wrong on this device: ${(error as Error).message}`)
  }
}

export type InferenceApi = typeof api

expose(api)

/**
 * @module cli/eval/engines — the seam between the likeness evaluations and a character engine. An evaluation
 * sees an engine only as: a continuous vector x in [0, 1]^dimension, discrete groups (option indices), and a
 * front render with its 68 iBUG points (from which the canonical aligned frame follows, as for a photo). Engine v1
 * (@facecraft/shared/engine + rig) is registered here; engine v2 adds its adapter to ENGINES under '2'.
 */
import { characterLandmarks, renderCharacter } from '@facecraft/shared/engine'
import { alignedFrameFor } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import type { SkinDetail } from '@facecraft/shared/rig'
import {
  characterFromVector,
  characterToStyleIndices,
  characterToVector,
  createCharacter,
  randomCharacter,
  SLIDERS,
  STYLES,
} from '@facecraft/shared/rig'
import {
  SLIDERS_V2,
  STYLES_V2,
  VECTOR_LENGTH_V2,
  characterFromVectorV2,
  characterToStyleIndicesV2,
  characterToVectorV2,
  createCharacterV2,
  randomPlausibleCharacter,
} from '@facecraft/shared/rig-v2'
import { UsageError } from '../command.ts'
import { engineV2 as loadEngineV2, lookShader } from '../engine-v2.ts'

/** A point in an engine's parameter space. */
export interface EngineParams {
  /** Continuous parameters, each in [0, 1]. */
  x: Float64Array
  /** One option index per discrete group. */
  styles: Int32Array
  /** Skin detail read from a photo (rig v2 characters that have it; engine v2 draws it). */
  detail?: SkinDetail
}

/** A front render and its 68 iBUG-300W points (image pixels, continuous coordinates). */
export interface EngineRender {
  image: RgbaImage
  ibug68: Float32Array
  /** 1 where the point faces the camera (aligned renders give it). */
  visible?: Uint8Array
}

/** What an evaluation needs of an engine. */
export interface EvalEngine {
  /** The `--engine` value that picks it. */
  id: string
  label: string
  /** Length of x. */
  dimension: number
  /** Discrete groups in order, with their option ids. */
  groups: readonly { id: string; options: readonly string[] }[]
  /** The rig's default character (the "mean face" baseline). */
  mean(): EngineParams
  /** A random character as the rig draws it (the "random" baseline). */
  random(seed: number): EngineParams
  /** Length of the sliders' part of x (colours follow). */
  sliderCount: number
  /** Front render at `size` px and its exact landmarks. Pure: the same params give the same bytes. */
  render(p: EngineParams, size: number): EngineRender
  /**
   * The front render as a camera `distanceCm` from the head sees it (engine v2's `distance`: the lens widened to keep
   * the framing, as a phone's front camera at arm's length); null where the engine has one camera only (v1).
   */
  renderFrom: ((p: EngineParams, size: number, distanceCm: number) => EngineRender) | null
  /**
   * Front render drawn straight into the canonical aligned frame (white background), as an aligned photo of the
   * character would look, with its exact landmarks there: what the imitator imitates.
   */
  aligned(p: EngineParams, size: number): EngineRender
  /** The character as the game saves it (JSON), for reports. */
  character(p: EngineParams): unknown
}

/** Background of evaluation renders: the light studio backdrop of the London and Canada photos. */
export const BACKGROUND: readonly [number, number, number] = [236, 236, 236]

/** Background of aligned renders: white, as the imitator's dataset (models/dataset) draws them. */
export const ALIGNED_BACKGROUND: readonly [number, number, number] = [255, 255, 255]

/** Engine v1: the procedural mannequin (shared/src/engine, rig v1: 113 sliders + 9 colours, 4 style groups). */
export function engineV1(): EvalEngine {
  const params = (c: ReturnType<typeof createCharacter>): EngineParams => ({
    x: Float64Array.from(characterToVector(c)),
    styles: characterToStyleIndices(c),
  })
  const toCharacter = (p: EngineParams) => characterFromVector(p.x, p.styles)
  return {
    id: '1',
    label: 'engine v1 (procedural, rig v1)',
    dimension: characterToVector(createCharacter()).length,
    groups: STYLES.map((s) => ({ id: s.id, options: s.options.map((o) => o.id) })),
    mean: () => params(createCharacter()),
    random: (seed) => params(randomCharacter(seed)),
    sliderCount: SLIDERS.length,
    render(p, size) {
      const c = toCharacter(p)
      return {
        image: renderCharacter(c, { size, background: BACKGROUND }),
        ibug68: characterLandmarks(c, { size }).ibug68,
      }
    },
    // Engine v1's front view IS the canonical frame (the frame was made from its mean face).
    renderFrom: null,
    aligned(p, size) {
      const c = toCharacter(p)
      const truth = characterLandmarks(c, { size })
      return {
        image: renderCharacter(c, { size, background: ALIGNED_BACKGROUND }),
        ibug68: truth.ibug68,
        visible: Uint8Array.from(truth.visible),
      }
    },
    character: toCharacter,
  }
}

/**
 * Engine v2: the CC0 MakeHuman head (shared/src/engine/v2, rig v2), textured look shader. Its random baseline
 * is the plausible-people prior (what the editor's "random" gives a player), not uniform extremes.
 */
export function engineV2(): EvalEngine {
  const params = (c: ReturnType<typeof createCharacterV2>): EngineParams => ({
    x: Float64Array.from(characterToVectorV2(c)),
    styles: characterToStyleIndicesV2(c),
  })
  const toCharacter = (p: EngineParams) => {
    const c = characterFromVectorV2(p.x, p.styles)
    if (p.detail) c.detail = p.detail
    return c
  }
  const engine = loadEngineV2()
  return {
    id: '2',
    label: 'engine v2 (MakeHuman head, rig v2)',
    dimension: VECTOR_LENGTH_V2,
    groups: STYLES_V2.map((s) => ({ id: s.id, options: s.options.map((o) => o.id) })),
    mean: () => params(createCharacterV2()),
    random: (seed) => params(randomPlausibleCharacter(seed)),
    sliderCount: SLIDERS_V2.length,
    render(p, size) {
      const c = toCharacter(p)
      return {
        image: engine.render(c, { size, background: BACKGROUND }, lookShader),
        ibug68: engine.landmarks(c, { size }).ibug68,
      }
    },
    renderFrom(p, size, distance) {
      const c = toCharacter(p)
      return {
        image: engine.render(c, { size, background: BACKGROUND, distance }, lookShader),
        ibug68: engine.landmarks(c, { size, distance }).ibug68,
      }
    },
    // Framed by the character's own alignment, as models/dataset draws the imitator's training renders.
    aligned(p, size) {
      const c = toCharacter(p)
      const frame = alignedFrameFor(engine.landmarks(c, { size }).ibug68, size)
      const truth = engine.landmarks(c, { size, frame })
      return {
        image: engine.render(c, { size, frame, background: ALIGNED_BACKGROUND }, lookShader),
        ibug68: truth.ibug68,
        visible: Uint8Array.from(truth.visible),
      }
    },
    character: toCharacter,
  }
}

/** Engines by `--engine` value. */
export const ENGINES: Readonly<Record<string, () => EvalEngine>> = { '1': engineV1, '2': engineV2 }

/**
 * The engine id of an `--engine` flag value (`fallback` when absent): '1' or '2'; a clear usage error otherwise.
 */
export function engineId(value: string | boolean | undefined, fallback = '1'): string {
  const id = typeof value === 'string' ? value : fallback
  if (!ENGINES[id])
    throw new UsageError(`--engine must be one of ${Object.keys(ENGINES).join(', ')}, got '${id}'.`)
  return id
}

/** The engine for an `--engine` flag value (default `fallback`, '1' unless the suite says otherwise). */
export function pickEngine(value: string | boolean | undefined, fallback = '1'): EvalEngine {
  return ENGINES[engineId(value, fallback)]!()
}

/** The `--engine` flag of suites that measure either engine, v2 (the product engine) by default. */
export const ENGINE_FLAG = {
  type: 'string',
  value: 'N',
  description: 'engine: 2 (the product engine, default) or 1 (the first, procedural engine)',
} as const

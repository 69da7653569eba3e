/**
 * @module dataset/engines — what the dataset needs of a character engine and its rig, per rig version: draw a
 * character for (seed, index), turn it into (x, style indices), and render it in the canonical aligned frame with
 * its exact 68 points there. Rig v2 (engine v2, the MakeHuman head) is the product; v1 stays for its proof run.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { decodeSkinDetail, SKIN_DETAIL_VERSION } from '@facecraft/shared/detail'
import { characterLandmarks, renderCharacter } from '@facecraft/shared/engine'
import { useHeadPack, type CharacterEngineV2 } from '@facecraft/shared/engine-v2'
import { createHeadShader } from '@facecraft/shared/engine-v2/look'
import { alignedFrameFor } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import * as v1 from '@facecraft/shared/rig'
import * as v2 from '@facecraft/shared/rig-v2'
import { createRng, gaussian, type Rng } from '@facecraft/shared/utils'

type Character = v1.Character

/** A render in the canonical aligned frame and the engine's exact points there. */
export interface FramedRender {
  image: RgbaImage
  /** 68 iBUG points, pixels of the render. */
  ibug68: Float32Array
  visible: Uint8Array
}

/** One rig version's engine, as the dataset sees it. */
export interface DatasetEngine {
  rigVersion: number
  /** The rig schema as `facecraft rig --json` prints it (embedded in the dataset index). */
  rig: unknown
  name: string
  vectorLength: number
  styleCount: number
  /** With probability `priorShare` a plausible person, otherwise uniform over the rig (Shi et al.). With `detail`,
   * the plausible people carry the dice's random skin detail, as every photo-made character carries a read one. */
  sample(rng: Rng, priorShare: number, detail?: boolean): Character
  toVector(c: Character): Float32Array
  toStyles(c: Character): Int32Array
  render(c: Character, size: number, background: readonly [number, number, number]): FramedRender
}

/** Spread of rig v1's near-default share: v1 has no prior of real people, so the defaults stand in for one. */
const V1_PRIOR_SIGMA = 0.15

/** Engine v1: its renders ARE the canonical frame (the frame was made from its mean face). */
export function datasetEngineV1(): DatasetEngine {
  return {
    rigVersion: v1.RIG_VERSION,
    rig: v1.RIG,
    name: '@facecraft/shared/engine',
    vectorLength: v1.VECTOR_LENGTH,
    styleCount: v1.STYLES.length,
    sample(rng, priorShare, detail) {
      if (detail) throw new Error('Rig v1 has no skin detail; --detail needs --rig 2.')
      if (rng() >= priorShare) return v1.randomCharacter(rng)
      const c = v1.createCharacter()
      const near = (d: number) => Math.min(1, Math.max(0, d + V1_PRIOR_SIGMA * gaussian(rng)))
      for (const s of v1.SLIDERS) c.sliders[s.id] = near(s.default)
      for (const col of v1.COLORS) c.colors[col.id] = near(col.default)
      for (const st of v1.STYLES)
        c.styles[st.id] = st.options[Math.floor(rng() * st.options.length)]!.id
      return c
    },
    toVector: v1.characterToVector,
    toStyles: v1.characterToStyleIndices,
    render(c, size, background) {
      const truth = characterLandmarks(c, { size })
      return {
        image: renderCharacter(c, { size, background }),
        ibug68: truth.ibug68,
        visible: Uint8Array.from(truth.visible),
      }
    },
  }
}

let headEngine: CharacterEngineV2 | null = null
const lookShader = createHeadShader as unknown as Parameters<CharacterEngineV2['render']>[2]

/**
 * Engine v2: each render is framed by ITS OWN alignment (the similarity that puts its 68 points on the canonical
 * template), exactly as a photo is aligned, so the imitator learns what an aligned photo of that face shows.
 */
export function datasetEngineV2(): DatasetEngine {
  const asset = (name: string) =>
    new Uint8Array(
      readFileSync(fileURLToPath(import.meta.resolve(`@facecraft/shared/assets/${name}`)))
    )
  if (!headEngine) {
    headEngine = useHeadPack(asset('head-v2.bin'))
    // without the basis the engine draws no character's skin detail: `--detail` samples would render bare
    headEngine.useSkinDetail(decodeSkinDetail(asset(`skin-detail-v${SKIN_DETAIL_VERSION}.bin`)))
  }
  const engine = headEngine
  return {
    rigVersion: v2.RIG_VERSION_V2,
    rig: v2.RIG_V2,
    name: '@facecraft/shared/engine-v2 (look shader)',
    vectorLength: v2.VECTOR_LENGTH_V2,
    styleCount: v2.STYLES_V2.length,
    sample: (rng, priorShare, detail = false) =>
      rng() < priorShare
        ? v2.randomPlausibleCharacter(rng, { detail })
        : v2.uniformCharacterV2(rng),
    toVector: v2.characterToVectorV2,
    toStyles: v2.characterToStyleIndicesV2,
    render(c, size, background) {
      const frame = alignedFrameFor(engine.landmarks(c, { size }).ibug68, size)
      const truth = engine.landmarks(c, { size, frame })
      return {
        image: engine.render(c, { size, frame, background }, lookShader),
        ibug68: truth.ibug68,
        visible: Uint8Array.from(truth.visible),
      }
    },
  }
}

/** The dataset engine of a rig version. */
export function datasetEngine(rigVersion: number): DatasetEngine {
  if (rigVersion === 1) return datasetEngineV1()
  if (rigVersion === 2) return datasetEngineV2()
  throw new Error(`No dataset engine for rig v${rigVersion}; use --rig 1 or --rig 2.`)
}

/** A per-sample random stream: any shard can be regenerated alone (resume) with identical samples. */
export function sampleRng(seed: number, index: number): Rng {
  return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0)
}

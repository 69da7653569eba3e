/** @module create/options — CharacterCreator options and their defaults. */
import type { Device, RuntimeName } from '../ml/backend/onnx.ts'
import type { ModelSource } from '../ml/loader.ts'
import type { FaceAnalyzer } from '../face/face-analyzer.ts'
import type { SkinDetailBasis } from '../detail/basis.ts'

/** How CharacterCreator runs. Every field but `models` has a DEFAULT_CREATOR_OPTIONS value. */
export interface CharacterCreatorOptions {
  /** The model manifest and a reader for its files (the face models, `translator`, and for refine `refine`). */
  models: ModelSource
  /** 'auto': cpu under onnxruntime-node, webgpu > wasm under onnxruntime-web. */
  device?: Device | 'auto'
  runtime?: RuntimeName
  /** A second face at least this wide (relative to the subject's box) makes the photo ambiguous: 'several-faces'. */
  severalFacesRatio?: number
  /** Manifest id of the refine graph. */
  refineModel?: string
  /** Detector tile grids of the creator's own analyzer: a photo to create from shows one large face, so the whole
   * image (1) suffices and is faster than FaceAnalyzer's default (1, 2), which also finds small bystanders. */
  detectorGrids?: readonly number[]
  /** An accessory (glasses, facial hair, lipstick: style groups whose first option is 'none') is put on only when
   * the translator gives it at least this probability (see chooseStyles). */
  accessoryProbability?: number
  /** Glasses are put on only when the translator gives ANY frame at least this probability together (1 - P(none)),
   * then its most probable frame (see chooseStyles). */
  glassesProbability?: number
  /** Hair colour and length read from the photo (create/hair.ts) replace the translator's, which cannot see hair. */
  measureHair?: boolean
  /** Skin tone and undertone matched to the photo's skin colour (create/skin.ts) replace the translator's. */
  measureSkin?: boolean
  /** The iris colour read from the photo's eyes (create/iris.ts) replaces the translator's. */
  measureIris?: boolean
  /** A woman's lipstick read from the photo's lips (create/lips.ts) replaces the translator's. */
  measureLips?: boolean
  /** A dark moustache or beard read from the photo (create/facial-hair.ts) is put on a man the translator gave none. */
  measureFacialHair?: boolean
  /** The gender read (gender-read.onnx, create/gender.ts) overrules the translator's gender slider where it is sure
   * (READ_DECIDES) or the surer of the two. */
  readGender?: boolean
  /** Refine's pull toward the created character (RefineOptions.anchor) when a refine call sets none. */
  refineAnchor?: number
  /** An analyzer to share (its loader then serves the creation models too); closing the creator leaves it open. */
  analyzer?: FaceAnalyzer
  /**
   * The skin-detail basis (shared/src/detail, the engine's skin-detail asset): with it, created characters carry
   * the photo's skin detail (`Character.detail`, weights read by projection). Without it they have none.
   */
  skinDetail?: SkinDetailBasis | null
}

/** The defaults of every optional field. */
export const DEFAULT_CREATOR_OPTIONS = Object.freeze({
  device: 'auto' as Device | 'auto',
  runtime: 'default' as RuntimeName,
  severalFacesRatio: 0.8,
  refineModel: 'refine',
  detectorGrids: Object.freeze([1]) as readonly number[],
  accessoryProbability: 0.6,
  // 257 TRAIN (pixabay) photos labelled by eye for glasses (29 wear them): at 0.98, 169 of them (sheets 1-2, where it
  // was chosen) gave 13 right, 1 false, 3 missed, the other 88 (held out) 12 right, 1 false, 1 missed; the old rule
  // (one frame >= accessoryProbability) gave 12 right and 14 false, and 12 and 6
  glassesProbability: 0.98,
  measureHair: true,
  measureSkin: true,
  measureIris: true,
  measureLips: true,
  measureFacialHair: true,
  readGender: true,
  skinDetail: null as SkinDetailBasis | null,
  // canada train photos, 40 people (eval likeness --photos): the pull at 0.01 kept refine's identity gain (FaceRes +
  // dlib id_cos 0.686 vs 0.686 without it, translator 0.672) while the parameters stayed plausible (synthetic
  // param_mae 0.221, without it 0.301, translator 0.217)
  refineAnchor: 0.01,
})

/** Options with every default filled in. */
export type ResolvedCreatorOptions = Required<Omit<CharacterCreatorOptions, 'analyzer'>>

/** Fills `undefined` fields with the defaults. */
export function resolveCreatorOptions(options: CharacterCreatorOptions): ResolvedCreatorOptions {
  if (!options?.models)
    throw new Error('CharacterCreator needs `models` (a ModelSource: manifest + file reader).')
  const out = { ...DEFAULT_CREATOR_OPTIONS } as ResolvedCreatorOptions
  for (const [k, v] of Object.entries(options))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v
  return out
}

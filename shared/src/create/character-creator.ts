/**
 * @module create/character-creator — photo -> character: CharacterCreator.createFromOptions({ models }),
 * create(image) (face analysis -> translatorFeatures -> translator.onnx -> a saved-format character), refine(...)
 * (the refine graph's descent), close(). One model loader serves the face models and the creation models. The same
 * code runs under onnxruntime-node and -web (in the PWA's Worker); it never imports the engine.
 */
import { FaceAnalyzer } from '../face/face-analyzer.ts'
import type { Face, FaceWarning } from '../face/types.ts'
import type { RgbaImage } from '../image/types.ts'
import { findModel } from '../ml/manifest.ts'
import type { SkinDetailBasis } from '../detail/basis.ts'
import { alignedPoints, readDetailFocused, type DetailSource } from '../detail/read.ts'
import { onOwnSide } from '../detail/sex.ts'
import { encodeOctave, octavePixels } from '../detail/octave.ts'
import { encodeResidual, GLASSES_ROWS, withoutRows } from '../detail/residual.ts'
import { photoReliability, type DetailReliability } from '../detail/reliability.ts'
import { READ_SIZE, SKIN_DETAIL_PIXELS } from '../detail/spec.ts'
import type { Character, SkinDetail } from '../rig/index.ts'
import { detailWeight } from '../rig/share-codec.ts'
import { CreateError } from './errors.ts'
import { FEATURE_LENGTH, FEATURE_OFFSETS, FEATURE_VERSION } from './features.ts'
import { COLOR_FRAME_SIZE, faceFeatures } from './face-features.ts'
import { applyBrows } from './brows.ts'
import { applyFacialHair, measureFacialHair, type FacialHairMeasure } from './facial-hair.ts'
import { applyGender, type GenderRead } from './gender.ts'
import { applyHair, HAIR_COLOUR_IDS, measureHair, type HairMeasure } from './hair.ts'
import { applyLipstick, lipColour, lipContrast, matchLipstick, type LipsMatch } from './lips.ts'
import {
  measureHairMasked,
  PERSON_FRAME,
  personCropToImage,
  segmenterInput,
  turnMap,
} from './hair-mask.ts'
import {
  applyIris,
  IRIS_COLOUR_IDS,
  IRIS_FRAME_SIZE,
  irisColour,
  matchIris,
  type IrisMatch,
} from './iris.ts'
import {
  applySkin,
  isColourless,
  matchSkin,
  matchSkinLightness,
  skinUnderDetail,
  SKIN_COLOUR_IDS,
  type SkinMatch,
} from './skin.ts'
import {
  refineLoop,
  refineSignature,
  type RefineOptions,
  type RefineOutcome,
  type RefineTargets,
} from './refine.ts'
import { argmaxGroups, chooseStyles, rigCodec, styleGroupStart, type RigCodec } from './rigs.ts'
import { refineTargets } from './targets.ts'
import {
  cameraDistance,
  checkLens,
  depthScale,
  HAIR_DEPTH_CM,
  shrinkFrame,
  undoNearLens,
  type PhotoLens,
} from './perspective.ts'
import {
  resolveCreatorOptions,
  type CharacterCreatorOptions,
  type ResolvedCreatorOptions,
} from './options.ts'

/** Manifest id of the person segmenter the hair is read through (optional: without it, hair.ts's boxes). */
const SEGMENTER = 'person-segmenter'
/** Manifest id of the gender read (optional: without it, the translator's gender slider stands). */
const GENDER_READ = 'gender-read'

/** A problem with the photo that creation worked around: the face analyzer's, or one of creation's own. */
export type CreateWarning =
  | FaceWarning
  | { code: 'colourless-photo'; message: string }
  | { code: 'soft-photo'; message: string }
  | { code: 'turned-face'; message: string }

/** The warning for a photo without colour (create/skin.ts isColourless). */
const COLOURLESS_WARNING = {
  code: 'colourless-photo',
  message:
    'This photo has no colour, so skin, hair and eye colours are guesses: set them in the editor, or use a colour photo.',
} as const

/** The warning for a photo too soft to read its skin detail whole (detail/sharpness: even sharpened). */
const SOFT_WARNING = {
  code: 'soft-photo',
  message:
    'This photo is blurry, so the fine detail of the face is read only in part: for a closer likeness, use a sharp photo (hold still and let the camera focus on your face).',
} as const

/**
 * From this head turn (degrees of yaw) a character is noticeably less alike, so create() says so (up to the face
 * analyzer's own limit, maxFrontalYaw, where it refuses). The hair read takes the face as turned from about here
 * too (hair-mask TURN_SQUEEZED), and the PWA's selfie screen asks to face the camera (live-hint MAX_YAW). Measured
 * on engine renders of 40 known people (docs/likeness.md session 40): recogniser cosine of the character to the
 * truth 0.806 from the front view, 0.782 at 10 degrees, 0.735 at 20; held-out TRAIN photos (session 38) 0.591
 * under 10 degrees, 0.571 at 10-20, 0.552 at 20-30.
 */
export const TURNED_NOTE_YAW = 12

/** The warning for a photo whose head is turned TURNED_NOTE_YAW or more. */
function turnedWarning(yaw: number): CreateWarning {
  return {
    code: 'turned-face',
    message: `The face is turned ${Math.abs(yaw).toFixed(0)}° to the ${yaw > 0 ? 'left' : 'right'}, so its shape and hair are read less surely: for a closer likeness, use a photo looking straight at the camera.`,
  }
}

/** What create() returns. */
export interface CreateResult {
  /** The character in the saved format of the translator's rig. */
  character: Character
  /** 0..1: the detector's score times the mean probability of the chosen style options. */
  confidence: number
  /** The face it was made from (the photo's subject). */
  face: Face
  /** Problems worth telling the person that did not stop creation (e.g. other faces in the photo, a photo without
   * colour). */
  warnings: CreateWarning[]
  /** The translator's raw outputs: x (continuous, [0,1]) and per-group style probabilities (concatenated). */
  x: Float32Array
  styleProbabilities: Float32Array
  /** The hair read from the photo (create/hair.ts) and applied to the character; null when measureHair is off. */
  hair: HairMeasure | null
  /** The skin matched to the photo's skin colour (create/skin.ts; by lightness alone in a photo without colour); null
   * when measureSkin is off or no skin was seen. */
  skin: SkinMatch | null
  /** The iris matched to the photo's (create/iris.ts); null when measureIris is off, the photo has no colour or the
   * eyes showed too little. */
  iris: IrisMatch | null
  /** The lipstick read (create/lips.ts), applied to a woman's character; null when measureLips is off, the photo has
   * no colour or the lips showed too little. */
  lips: LipsMatch | null
  /** The facial hair read (create/facial-hair.ts); null when measureFacialHair is off or the cheeks did not show. */
  facialHair: FacialHairMeasure | null
  /** The gender read (create/gender.ts); null when readGender is off or the manifest has no 'gender-read'. */
  gender: GenderRead | null
  /** How far the camera was from the eyes, cm (create/perspective), where create() was given the lens; else null. */
  cameraDistance: number | null
}

/** What refine() returns: the character and the descent's record. */
export interface RefineResult extends RefineOutcome {
  character: Character
}

/** Creates characters from photos with the translator, and refines them with the refine graph. */
export class CharacterCreator {
  private constructor(
    private analyzer: FaceAnalyzer | null,
    private readonly options: ResolvedCreatorOptions,
    private readonly rig: RigCodec,
    private readonly ownsAnalyzer: boolean
  ) {}

  /** Loads the face models and the translator; a CreateError ('no-model' / 'wrong-rig') says what is missing. */
  static async createFromOptions(options: CharacterCreatorOptions): Promise<CharacterCreator> {
    const o = resolveCreatorOptions(options)
    const entry = o.models.manifest.models.find((m) => m.id === 'translator')
    if (!entry)
      throw new CreateError('no-model', "The model manifest has no 'translator'; download the models again or rebuild them (models/translator).")
    const version = (entry as { featureVersion?: number }).featureVersion
    if (version !== FEATURE_VERSION || Number(entry.inputs[0]?.shape[1]) !== FEATURE_LENGTH)
      throw new CreateError('wrong-rig', `The translator was made for feature layout ${version}, this build computes ${FEATURE_VERSION}; update facecraft or the models.`)
    const rig = rigCodec(entry.rigVersion)
    const analyzer = options.analyzer ?? (await FaceAnalyzer.createFromOptions({ models: o.models, device: o.device, runtime: o.runtime, detectorGrids: o.detectorGrids }))
    const creator = new CharacterCreator(analyzer, o, rig, !options.analyzer)
    await analyzer.models().load('translator')
    // made up front too (the PWA Worker opens every create session before the first photo, so a WebGPU failure
    // shows at once); absent from models installed before it was released: hair is then read from boxes
    if (o.measureHair && o.models.manifest.models.some((m) => m.id === SEGMENTER)) await analyzer.models().load(SEGMENTER)
    return creator
  } // prettier-ignore

  /** The face analyzer it uses (its loader is the creator's). */
  faceAnalyzer(): FaceAnalyzer {
    if (!this.analyzer)
      throw new Error('CharacterCreator was closed; create a new one with createFromOptions.')
    return this.analyzer
  }

  /** The rig version of the characters it makes. */
  get rigVersion(): number {
    return this.rig.version
  }

  /** A character from the photo's subject; a CreateError when there is no usable face. */
  async create(image: RgbaImage, lens?: PhotoLens): Promise<CreateResult> {
    if (lens) checkLens(lens) // before the face models run
    const analyzer = this.faceAnalyzer()
    const result = await analyzer.detect(image)
    const face = this.usableFace(result.faces, result.allDetections, result.warnings)
    const warnings = result.warnings.filter((w) => w.code !== 'no-face')
    const made = await this.createFromFace(image, face, lens)
    return { ...made, warnings: [...warnings, ...made.warnings] }
  }

  /** A character from a face already found in `image` (by this creator's faceAnalyzer()); no checks of the photo. */
  async createFromFace(image: RgbaImage, face: Face, lens?: PhotoLens): Promise<CreateResult> {
    const analyzer = this.faceAnalyzer()
    const features = await faceFeatures(analyzer, image, face)
    // a close-up's face read as from a portrait's distance (create/perspective); unknown lens: as taken
    const distance = lens ? cameraDistance(face, image, lens) : null
    if (distance !== null) undoNearLens(features, distance)
    const translator = await analyzer.models().load('translator')
    const out = await translator.run({ features: { data: features, dims: [1, FEATURE_LENGTH] } })
    const x = out.x!.data
    const probabilities = out.styles!.data
    const { accessoryProbability, glassesProbability } = this.options
    const styles = chooseStyles(probabilities, this.rig, accessoryProbability, glassesProbability)
    let start = 0
    let top = 0
    this.rig.styleSizes.forEach((n, g) => {
      top += probabilities[start + styles[g]!]! / this.rig.styleSizes.length
      start += n
    })
    let character = this.rig.fromVector(x, styles)
    // the photo's median skin colour, as faceFeatures measured it for the translator
    const skinColour =
      features[FEATURE_OFFSETS.colorMask]! > 0
        ? (Array.from(
            features.subarray(FEATURE_OFFSETS.colors, FEATURE_OFFSETS.colors + 3),
            (v) => v * 255
          ) as [number, number, number])
        : null
    // a black-and-white photo: its colours are no evidence (grey skin, grey "hair", grey eyes); only lightness is
    const colourless = skinColour !== null && isColourless(skinColour)
    // the hair read comes first: long hair is evidence of the sex (create/gender.ts withHair), and the cut follows it
    let hair: HairMeasure | null = null
    if (this.options.measureHair) {
      // a close-up shows the hair behind the face smaller than a portrait would: read it in a frame shrunk alike
      const hairFace = distance === null ? face : { ...face, alignToImage: shrinkFrame(face.alignToImage, depthScale(distance, HAIR_DEPTH_CM)) } // prettier-ignore
      hair = await this.readHair(image, hairFace, skinColour)
      // without the person segmenter: boxes in the crop faceFeatures measured the part colours in (the analyzer's
      // pyramid of `image` is cached)
      hair ??= measureHair(analyzer.alignedCrop(image, hairFace, COLOR_FRAME_SIZE), hairFace.alignToImage, [image.width, image.height], skinColour) // prettier-ignore
    }
    let gender: GenderRead | null = null
    if (
      this.options.readGender &&
      this.options.models.manifest.models.some((m) => m.id === GENDER_READ)
    ) {
      const read = await analyzer.models().load(GENDER_READ)
      const female = (await read.run({ features: { data: features, dims: [1, FEATURE_LENGTH] } }))
        .female!.data[0]!
      ;({ character, read: gender } = applyGender(
        character,
        female,
        probabilities,
        this.rig,
        hair?.length ?? null
      ))
    }
    // no bushy brows on a woman (create/brows.ts: those shapes alone make her read as a man)
    character = applyBrows(character, probabilities, this.rig)
    if (hair) {
      const before = character
      character = applyHair(
        character,
        hair,
        probabilities,
        this.rig.styleSizes,
        gender?.female ?? null
      )
      // the length and fringe read stand; the colour stays the translator's (grey only on the photo's evidence)
      if (colourless)
        for (const id of HAIR_COLOUR_IDS)
          character.colors[id] = id === 'hair.grey' ? 0 : before.colors[id]!
    }
    const male = character.sliders['who.gender']
    // the skin detail's source (aligned crop, labels, points): the detail is read from it below, and where the
    // character carries detail its skin is matched by the colour under it (create/skin.ts skinUnderDetail)
    const basis = this.options.skinDetail
    const source = basis ? detailSource(analyzer, image, face) : null
    let skin: SkinMatch | null = null
    if (this.options.measureSkin && skinColour) {
      const target =
        (source && skinUnderDetail(skinColour, source.crop, source.labels)) ?? skinColour
      const sex = male ?? 0.5
      skin = colourless ? matchSkinLightness(target, sex) : matchSkin(target, sex)
      character = applySkin(character, skin)
    }
    // the iris and facial-hair reads share one 256-px aligned crop
    const { measureIris, measureFacialHair: readFacialHair, measureLips } = this.options
    const crop =
      measureIris || readFacialHair || measureLips
        ? analyzer.alignedCrop(image, face, IRIS_FRAME_SIZE)
        : null
    let iris: IrisMatch | null = null
    let facialHair: FacialHairMeasure | null = null
    if (readFacialHair && crop) {
      facialHair = measureFacialHair(crop)
      character = applyFacialHair(character, facialHair)
    }
    if (measureIris && crop && !colourless) {
      const colour = irisColour(
        crop,
        analyzer.partLabels(image, face, IRIS_FRAME_SIZE),
        face.mesh,
        face.alignToImage,
        skinColour
      )
      iris = colour && matchIris(colour)
      if (iris) character = applyIris(character, iris)
    }
    // a woman's lipstick, matched at her character's skin tone (after the skin read); the lips of a photo without
    // colour say nothing of lipstick
    let lips: LipsMatch | null = null
    if (measureLips && crop && skinColour && !colourless) {
      const colour = lipColour(crop, face.mesh, face.alignToImage)
      lips =
        colour && matchLipstick(lipContrast(colour, skinColour), character.colors['skin.tone'] ?? 0)
      character = applyLipstick(character, lips)
    }
    let soft = false
    if (basis && source) {
      const glasses = (character.styles['glasses.style'] ?? 'none') !== 'none'
      const trust = photoReliability(image, face.alignToImage)
      const read = readDetailFrom(
        source,
        face,
        basis,
        character.sliders['who.gender']!,
        glasses,
        trust
      )
      character = { ...character, detail: read.detail }
      soft = !read.restored
    }
    return {
      character,
      confidence: face.score * top,
      face,
      warnings: [
        ...(Math.abs(face.pose.yaw) >= TURNED_NOTE_YAW ? [turnedWarning(face.pose.yaw)] : []),
        ...(colourless ? [COLOURLESS_WARNING] : []),
        ...(soft ? [SOFT_WARNING] : []),
      ],
      x: Float32Array.from(x),
      styleProbabilities: Float32Array.from(probabilities),
      hair,
      skin,
      iris,
      lips,
      facialHair,
      gender,
      cameraDistance: distance,
    }
  }

  /**
   * The hair read through the person mask (create/hair-mask.ts), or null when the manifest has no
   * 'person-segmenter' (models installed before it was released): then the caller reads it from boxes (hair.ts).
   */
  private async readHair(image: RgbaImage, face: Face, skin: readonly number[] | null): Promise<HairMeasure | null> {
    if (!this.options.models.manifest.models.some((m) => m.id === SEGMENTER)) return null
    const analyzer = this.faceAnalyzer()
    const toImage = personCropToImage(face.alignToImage)
    const crop = analyzer.frameCrop(image, toImage, PERSON_FRAME.size)
    const segmenter = await analyzer.models().load(SEGMENTER)
    const s = PERSON_FRAME.size
    const out = await segmenter.run({ image: { data: segmenterInput(crop), dims: [1, s, s, 3] } })
    const turn = turnMap(face.mesh, face.alignToImage)
    return measureHairMasked(crop, out.mask!.data, face.alignToImage, [image.width, image.height], skin, turn)
  } // prettier-ignore

  /** The photo's subject, or a CreateError that says what to do. */
  private usableFace(faces: Face[], all: { box: { width: number } }[], warnings: FaceWarning[]): Face {
    const face = faces[0]
    if (!face)
      throw new CreateError('no-face', 'No face found in the photo. Use a well-lit photo that shows one face from the front.')
    const rival = all[1]
    if (rival && rival.box.width >= this.options.severalFacesRatio * face.box.width)
      throw new CreateError('several-faces', `${all.length} faces of similar size are in the photo; crop it to the one face you want.`)
    const poor = warnings.find((w) => w.code === 'face-too-small' || w.code === 'profile')
    if (poor) throw new CreateError('low-quality', poor.message)
    return face
  } // prettier-ignore

  /** Whether the manifest has a refine graph for this creator's rig (refine() needs one). */
  canRefine(): string | null {
    const entry = this.options.models.manifest.models.find((m) => m.id === this.options.refineModel)
    if (!entry) return `the model manifest has no '${this.options.refineModel}' (the refine graph); no refinement for now`
    if (Number(entry.rigVersion) !== this.rig.version)
      return `'${this.options.refineModel}' was made for rig v${entry.rigVersion}, the translator for rig v${this.rig.version}`
    return null
  } // prettier-ignore

  /**
   * Refine targets of `face` in `image` at the refine graph's frame size; with the photo's lens (as create() took it)
   * a close-up's landmarks are moved to where a portrait's camera would show them (create/perspective).
   */
  async targets(image: RgbaImage, face: Face, lens?: PhotoLens): Promise<RefineTargets> {
    const entry = findModel(this.options.models.manifest, this.options.refineModel)
    const distance = lens ? cameraDistance(face, image, lens) : null
    return refineTargets(this.faceAnalyzer(), image, face, refineSignature(entry).size, distance)
  }

  /**
   * Refines `character` toward `targets` (see targets()) with the refine graph: Adam, x clamped to [0, 1], early
   * stop, cancel via `signal` (a CreateError 'aborted'). Returns the best character seen. `keep`: parameter ids
   * (and 'hair.style') left as they are; by default the gender slider and the expression sliders (heldIds), plus,
   * when the creator measures hair, the hair colour and style it read from the photo (the imitator's colour terms
   * turned dark hair grey-brown) and, when it matches skin and iris, the colours it matched. Each left slider moves
   * with its right one (mirrorPairs), unless `tie` says otherwise. A graph with a `sex` term holds the render on
   * the side of the character's gender slider (`sex` 2 * who.gender - 1) unless options say otherwise.
   */
  async refine(character: Character, targets: RefineTargets, options: RefineOptions & { keep?: readonly string[] } = {}): Promise<RefineResult> {
    const why = this.canRefine()
    if (why) throw new CreateError('no-model', `Cannot refine: ${why}. Use the created character as it is.`)
    const session = await this.faceAnalyzer().models().load(this.options.refineModel)
    const rig = rigCodec(session.entry.rigVersion)
    const keep = options.keep ?? [
      ...heldIds(rig),
      ...(this.options.measureHair ? [...HAIR_COLOUR_IDS, 'hair.style'] : []),
      ...(this.options.measureSkin ? SKIN_COLOUR_IDS : []),
      ...(this.options.measureIris ? IRIS_COLOUR_IDS : []),
    ]
    const hold = keep.map((id) => rig.ids.indexOf(id)).filter((i) => i >= 0)
    const holdStyles = keep.flatMap((id) => styleGroupIndices(rig, id))
    const x0 = rig.toVector(character)
    const gender = rig.ids.indexOf('who.gender')
    const sex = gender >= 0 ? 2 * x0[gender]! - 1 : 0
    const outcome = await refineLoop(session, x0, styleLogits(rig, character), targets, { anchor: this.options.refineAnchor, tie: mirrorPairs(rig), sex, ...options, hold, holdStyles })
    const refined = rig.fromVector(outcome.x, argmaxGroups(outcome.logits, rig.styleSizes))
    // Skin detail is read from the photo, not descended (the imitator does not draw it): it stays as created.
    if (character.detail) refined.detail = { ...character.detail, weights: [...character.detail.weights] }
    return { ...outcome, character: refined }
  } // prettier-ignore

  /** Releases every model session. */
  async close(): Promise<void> {
    const analyzer = this.analyzer
    this.analyzer = null
    if (this.ownsAnalyzer) await analyzer?.close()
  }
}

/** Style logits that start the relaxation at the character's options: 0 everywhere, STYLE_LOGIT on the chosen one. */
function styleLogits(rig: RigCodec, character: Character): Float32Array {
  const styles = rig.toStyles(character)
  const out = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
  let start = 0
  rig.styleSizes.forEach((n, g) => {
    out[start + styles[g]!] = STYLE_LOGIT
    start += n
  })
  return out
}

/** The logit indices of style group `id` in the concatenated logits (none when the rig has no such group). */
function styleGroupIndices(rig: RigCodec, id: string): number[] {
  const start = styleGroupStart(rig, id)
  if (start < 0) return []
  return Array.from({ length: rig.styleSizes[rig.styleIds.indexOf(id)]! }, (_, k) => start + k)
}

/**
 * What refine holds whatever it read: the gender slider and the expression sliders. Why: the refine graph's
 * identity term (MobileFace through the imitator) hardly sees gender, so the descent moved the slider freely (on
 * London 3 of 53 men's characters turned female after refine, by FaceRes, none before; the translator decides it
 * from the whole photo); and it used expressions as shape knobs (eyes half closed, brows lowered, +0.3-0.4 on
 * train photos): the face's shape should carry the likeness, and the expression stays what the translator read.
 */
function heldIds(rig: RigCodec): string[] {
  return rig.ids.filter((id) => id === 'who.gender' || id.startsWith('expression.'))
}

/**
 * Index pairs of each left slider ('.l-') and its right one ('.r-'), which refine moves together. Why: faces are
 * close to symmetric, and a photo's left-right differences are mostly pose, light and the landmarks' noise; moved
 * apart, the eyes, cheeks and ears of refined characters drifted 0.3-0.6 from each other on train photos.
 */
function mirrorPairs(rig: RigCodec): [number, number][] {
  return rig.ids.flatMap((id, i): [number, number][] => {
    const j = id.includes('.l-') ? rig.ids.indexOf(id.replace('.l-', '.r-')) : -1
    return j >= 0 ? [[i, j]] : []
  })
}

/** With beta 1, a logit of 4 gives the chosen option ~0.9 of the softmax in a group of 6. */
const STYLE_LOGIT = 4

/**
 * The photo's skin detail as a character field: its weights on `basis` (detail/read), kept on the side of the
 * character's own sex (detail/sex onOwnSide), rounded to the step a share code keeps (rig/share-codec DETAIL_QUANT),
 * so a character saved, synced or shared draws the same; and the residual, what the weights miss of the photo's own
 * detail (detail/residual).
 */
export function readSkinDetail(
  analyzer: FaceAnalyzer,
  image: RgbaImage,
  face: Face,
  basis: SkinDetailBasis,
  male: number
): SkinDetail {
  return readPhotoDetail(analyzer, image, face, basis, male).detail
}

/** What skin detail is read from: the face's aligned crop and part labels at READ_SIZE, and its points there. */
export function detailSource(analyzer: FaceAnalyzer, image: RgbaImage, face: Face): DetailSource {
  return {
    crop: analyzer.alignedCrop(image, face, READ_SIZE).data,
    labels: analyzer.partLabels(image, face, READ_SIZE).labels,
    points: alignedPoints(face),
  }
}

/** readSkinDetail, and whether the photo was sharp enough to read the detail whole (detail/read readDetailFocused). */
function readPhotoDetail(
  analyzer: FaceAnalyzer,
  image: RgbaImage,
  face: Face,
  basis: SkinDetailBasis,
  male: number
): { detail: SkinDetail; restored: boolean } {
  const trust = photoReliability(image, face.alignToImage)
  return readDetailFrom(detailSource(analyzer, image, face), face, basis, male, false, trust)
}

/**
 * readPhotoDetail from a source already made; the residual and its octave at `trust` (detail/reliability: how much of
 * them a small or blocky photo still holds of the person).
 */
function readDetailFrom(
  source: DetailSource,
  face: Face,
  basis: SkinDetailBasis,
  male: number,
  glasses: boolean,
  trust: DetailReliability
): { detail: SkinDetail; restored: boolean } {
  const strength = detailStrength(face.pose)
  const { weights: read, restored, residual, octave } = readDetailFocused(basis, source, male)
  const weights = Array.from(onOwnSide(basis, read, male), (w) => detailWeight(w * strength))
  const detail: SkinDetail = { basis: basis.version, weights }
  // what the weights miss of the photo's own detail (detail/residual), at the turn's strength as the weights: it is
  // around the read's own weights, so the shift onOwnSide gives them is still drawn; a basis over other pixels than
  // the released grid's (a test's) has none; nor where the character's glasses sit, so a photo's frames are not
  // drawn into the skin under them (detail/residual GLASSES_ROWS)
  if (strength > 0 && residual.length === SKIN_DETAIL_PIXELS) {
    const kept = glasses ? withoutRows(residual, basis.pixels, basis.size, GLASSES_ROWS) : residual
    detail.residual = encodeResidual(kept.map((v) => v * strength * trust.residual))
    // and what the grid cannot hold of it at the read's own resolution (detail/octave), likewise
    const at = octavePixels(basis.pixels, basis.size)
    const fine = glasses ? withoutRows(octave, at, basis.size * 2, GLASSES_ROWS) : octave
    detail.octave = encodeOctave(fine.map((v) => v * strength * trust.octave))
  }
  // a photo turned too far for any detail is not one whose softness cost it some
  return { detail, restored: restored || strength === 0 }
}

/**
 * How much of a photo's detail is kept at its head's turn: all of it up to DETAIL_FULL_TURN degrees of yaw, none
 * from DETAIL_NO_TURN on (linear between). A turned face's far side is foreshortened by the warp to the frontal
 * template, so its detail lands smeared: on the 84 held-out train photos, 4 of the 6 women whose refined character
 * FaceRes read as a man with full detail were turned 18-33 degrees (session 30: 12 and 28 degrees then). Since
 * session 31 the read leaves the squeezed far side out (detail/read foreshortenedPixels) and the basis fills it,
 * so detail is kept further: 20 and 40 degrees raised the held-out refined id_cos 0.515 -> 0.519 (29 better, 4
 * worse; two marginal gender reads moved, one each way). Pitch is not used: FaceMesh's pitch reads 12 degrees
 * (median; 6-18) on London's level studio photos.
 */
export function detailStrength(pose: { yaw: number }): number {
  const turn = Math.abs(pose.yaw)
  return Math.min(1, Math.max(0, (DETAIL_NO_TURN - turn) / (DETAIL_NO_TURN - DETAIL_FULL_TURN)))
}
/** Degrees of head turn (yaw) up to which a photo's detail is read whole, and from which it is not read. */
export const DETAIL_FULL_TURN = 20
export const DETAIL_NO_TURN = 40

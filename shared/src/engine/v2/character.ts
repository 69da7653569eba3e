/**
 * @module engine/v2/character — from a rig v2 character to what the geometry engine and the look layer take:
 * target weights (macro tents + face sliders through their safe limits + expressions), the parts to wear, and
 * the Appearance. Then CharacterEngineV2 renders characters and reports their landmarks.
 */
import { detailImage, weightCount, type SkinDetailBasis } from '../../detail/basis.ts'
import { decodeOctave } from '../../detail/octave.ts'
import { decodeResidual } from '../../detail/residual.ts'
import { drawnDetail } from '../../detail/resample.ts'
import { SKIN_DETAIL_PIXELS } from '../../detail/spec.ts'
import type { RgbaImage } from '../../image/types.ts'
import { srgbToLinear } from '../../render/resolve.ts'
import { evalColors } from '../../rig/eval-colors.ts'
import type { Character, SkinDetail } from '../../rig/schema.ts'
import { validateCharacterV2 } from '../../rig/v2/character.ts'
import { faceValue, MIN_AGE, SLIDERS_V2 } from '../../rig/v2/sliders.ts'
import { BROW_PROXY, HAIR_PROXY, LASH_PROXY } from '../../rig/v2/styles.ts'
import { fitProxy, type HeadAssets } from './assets.ts'
import { EngineV2, type HeadParts, type RenderOptionsV2, type ShaderFactory } from './engine.ts'
import { detailTurn } from './detail-turn.ts'
import { beardPart, beardSelections, glassesParts, type BeardSelection } from './generated-parts.ts'
import {
  buildLandmarkRigV2,
  computeLandmarksV2,
  type CharacterLandmarksV2,
  type LandmarkRigV2,
} from './landmarks.ts'
import { createLambertShader } from './lambert.ts'
import { macroWeights } from './macro.ts'
import { buildSkinMasks } from './masks.ts'
import type { Appearance, HeadMesh, LinearRgb, SkinDetailLayer } from './mesh-types.ts'
import { headView } from './view.ts'

/** Share of the 'eyes opened up' expression units every head's resting lids get (see characterWeights). */
export const REST_LIDS_OPEN = 0.5
const REST_LID_TARGETS = ['expr/eye-left-opened-up', 'expr/eye-right-opened-up']

/** Target weights of a character (macro, face, expression), in a fixed order. */
export function characterWeights(c: Character): Map<string, number> {
  const s = c.sliders
  const w = new Map<string, number>(
    macroWeights({
      gender: s['who.gender']!,
      age: MIN_AGE + s['who.age']! * (1 - MIN_AGE),
      african: s['who.african']!,
      asian: s['who.asian']!,
      caucasian: s['who.european']!,
      muscle: s['who.muscle']!,
      weight: s['who.weight']!,
    })
  )
  const add = (name: string, v: number) => w.set(name, (w.get(name) ?? 0) + v)
  for (const def of SLIDERS_V2) {
    const v = s[def.id]!
    if (def.kind === 'face') {
      const m = faceValue(def, v)
      if (m < 0 && def.low) add(def.low, -m)
      else if (m > 0) add(def.high!, m)
    } else if (def.kind === 'expression' && v > 0) {
      for (const t of def.targets!) add(t, v * def.limit)
    }
  }
  // Resting lids: MakeHuman's neutral upper lid covers about a third of the iris, which renders as a sleepy
  // slit at game sizes (people at rest show ~85% of the iris). Every head's lids are raised by part of the
  // 'opened-up' unit, handed back as the eyes narrow or close (closed stays closed).
  const shut = Math.max(s['expression.eyes_closed']!, s['expression.eyes_narrow']!)
  for (const t of REST_LID_TARGETS) add(t, REST_LIDS_OPEN * (1 - shut))
  return w
}

/** Lash fullness per lash style (Appearance.lashes). */
const LASH_FULLNESS: Record<string, number> = { short: 0, natural: 0.3, long: 0.7, full: 1 }

const LIPSTICK: Record<string, readonly [number, number, number]> = {
  nude: [190, 120, 110],
  red: [170, 20, 30],
  'pink-gloss': [220, 100, 140],
  berry: [120, 30, 60],
  coral: [230, 100, 80],
}

const lin = (c: readonly number[]): LinearRgb => [
  srgbToLinear(c[0]! * 255),
  srgbToLinear(c[1]! * 255),
  srgbToLinear(c[2]! * 255),
]

const darker = (c: LinearRgb, f: number): LinearRgb => [c[0] * f, c[1] * f, c[2] * f]

/** The Appearance of a character (colours linear; see engine/v2/mesh-types). */
export function characterAppearance(c: Character, seed = 0): Appearance {
  const col = evalColors(c)
  const lip = c.styles['makeup.lipstick']!
  const stick = LIPSTICK[lip]
  const glasses = c.styles['glasses.style']!
  return {
    // Rig tone runs light -> dark; the contract's skinTone runs dark -> light.
    skinTone: 1 - c.colors['skin.tone']!,
    undertone: c.colors['skin.undertone']!,
    age: MIN_AGE + c.sliders['who.age']! * (1 - MIN_AGE),
    gender: c.sliders['who.gender']!,
    hairColor: lin(col.hair),
    browColor: lin(col.brows),
    // Facial hair in the scalp hair's colour, a little lighter: its shells around the mouth and under the chin
    // get less light than the scalp and little sheen (at 0.6 x the hair colour brown beards rendered black).
    beardColor: darker(lin(col.hair), 1.2),
    irisColor: lin(col.iris),
    lipColor: lin(col.lips),
    // 0.85 of the lipstick's colour over the natural lip (0.6 until session 37 rendered "Classic red" as a pale
    // coral on light skin, barely redder than bare lips, where photos of red lipstick read far redder)
    lipstick: stick ? 0.85 : 0,
    lipstickColor: lin((stick ?? [0, 0, 0]).map((v) => v / 255)),
    freckles: c.colors['skin.freckles']!,
    blush: col.blushAmount,
    hairStyle: c.styles['hair.style']!,
    beardStyle: c.styles['hair.facial']!,
    lashes: LASH_FULLNESS[c.styles['eyes.lashes']!] ?? 0.3,
    lensTint: glasses === 'sunglasses' ? 0.85 : 0,
    mouthOpen: Math.min(
      1,
      1.5 * c.sliders['expression.mouth_open']! +
        1.2 * Math.max(0, c.sliders['expression.smile']! - 0.3)
    ),
    seed: seed >>> 0,
  }
}

/** A short content hash of a text (FNV-1a, 32 bits, hex) for texture cache keys. */
function hashKey(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return `${text.length}-${(h >>> 0).toString(16)}`
}

/** A content key of a character (every slider, colour and style, in the object's order). */
function characterKey(c: Character): string {
  return JSON.stringify([c.sliders, c.colors, c.styles])
}

/** Renders and measures rig v2 characters on one asset pack. */
export class CharacterEngineV2 {
  readonly engine: EngineV2
  readonly rig: LandmarkRigV2
  private readonly beards: Map<string, BeardSelection>

  /** The skin-detail basis characters' `detail` weights are drawn with (useSkinDetail), or null. */
  private detailBasis: SkinDetailBasis | null = null
  /** Composed detail images by weights (the last few: an editor redraws one character many times). */
  private readonly detailLayers = new Map<string, SkinDetailLayer>()
  /** The 68 landmarks of the neutral head, x and y (cm): where the skin meets the shape-free frame. */
  private readonly rest68: Float32Array

  constructor(readonly assets: HeadAssets) {
    this.rig = buildLandmarkRigV2(assets)
    const R = assets.rest
    const { ibug, ibugB, ibugW } = this.rig
    this.rest68 = Float32Array.from({ length: 136 }, (_, j) => {
      const i = j >> 1
      const k = j & 1
      return (1 - ibugW[i]!) * R[ibug[i]! * 3 + k]! + ibugW[i]! * R[ibugB[i]! * 3 + k]!
    })
    const masks = buildSkinMasks(assets, this.rig)
    // Pin the eyeballs (the vertices the eye proxy hangs on): every character looks out of the same place.
    const eyeRefs = Uint32Array.from(new Set(assets.proxy('eyes').refs)).sort()
    this.engine = new EngineV2(assets, masks, eyeRefs)
    this.beards = beardSelections(assets, this.rig)
  }

  /** The parts a character wears. */
  parts(c: Character): HeadParts {
    const facial = c.styles['hair.facial']!
    const glasses = c.styles['glasses.style']!
    const st = c.styles
    return {
      key: [st['hair.style'], st['brows.style'], st['eyes.lashes'], facial, glasses].join('|'),
      hair: HAIR_PROXY[c.styles['hair.style']!] ?? null,
      brow: BROW_PROXY[c.styles['brows.style']!] ?? null,
      lash: LASH_PROXY[c.styles['eyes.lashes']!] ?? null,
      extra: (pos, skinNormals) => {
        const out = []
        const beard = beardPart(this.assets, pos, facial, this.beards, skinNormals)
        if (beard) out.push(beard)
        if (glasses !== 'none') {
          const eyes = this.eyePoints(pos)
          const at = (P: Float32Array, i: number) => [P[i * 3]!, P[i * 3 + 1]!, P[i * 3 + 2]!]
          out.push(
            ...glassesParts(
              glasses,
              at(eyes, this.rig.pupils[0]),
              at(eyes, this.rig.pupils[1]),
              at(pos, this.rig.extras[0]!),
              at(pos, this.rig.extras[1]!),
              { positions: pos, points: this.assets.skin.pointOf }
            )
          )
        }
        return out
      },
    }
  }

  /** The last character posed (its content key), its mesh and its morphed positions (a copy). */
  private last: { key: string; mesh: HeadMesh; morphed: Float32Array } | null = null

  /**
   * The posed mesh of a (valid) character. The last one is kept: a render and the landmarks of the same
   * character (the search loops' pattern) pose it once. Callers must not modify the mesh.
   */
  pose(c: Character): HeadMesh {
    return this.posed(c).mesh
  }

  private posed(c: Character): { mesh: HeadMesh; morphed: Float32Array } {
    validateCharacterV2(c)
    const key = characterKey(c)
    if (this.last?.key === key) return this.last
    const weights = characterWeights(c)
    const mesh = this.engine.pose(weights, this.parts(c))
    // pose() morphed into the engine's shared buffer: keep a copy for the landmarks (not a second morph).
    const morphed = Float32Array.from(this.engine.lastMorph)
    this.last = { key, mesh, morphed }
    return this.last
  }

  /**
   * Draws characters' skin detail with this basis (shared/src/detail decodeSkinDetail of the skin-detail asset);
   * null stops. Weights on an earlier basis version are drawn by it as by theirs (each version extends the one
   * before: detail/spec SKIN_DETAIL_COUNTS); without a basis, or for weights on a newer one, characters render
   * without their detail.
   */
  useSkinDetail(basis: SkinDetailBasis | null): void {
    this.detailBasis = basis
    this.detailLayers.clear()
  }

  /** Whether `c`'s skin detail will be drawn (it has some, and this engine has its basis or a later one). */
  drawsDetail(c: Character): boolean {
    const basis = this.detailBasis
    return (
      c.detail !== undefined &&
      basis !== null &&
      c.detail.basis <= basis.version &&
      c.detail.weights.length <= weightCount(basis, c.detail.basis)
    )
  }

  /**
   * The Appearance of a character, with its skin detail when this engine draws it, as a view `view` degrees from
   * the front shows it: a turned or tilted view fades the detail where the front photo saw the skin edge-on
   * (detail-turn, look/skin DETAIL_FRONT; the angle, near enough, is that of yaw and pitch together).
   */
  appearance(c: Character, view: { yaw?: number; pitch?: number } = {}): Appearance {
    const a = characterAppearance(c)
    if (!this.drawsDetail(c)) return a
    const layer = this.detailLayer(c.detail!, c.sliders['who.gender']!)
    const turn = detailTurn(Math.hypot(view.yaw ?? 0, view.pitch ?? 0))
    a.detail = turn > 0 ? { ...layer, turn, key: `${layer.key}:turn${turn}` } : layer
    return a
  }

  private detailLayer(
    { basis: version, weights, residual, octave }: SkinDetail,
    male: number
  ): SkinDetailLayer {
    const basis = this.detailBasis!
    // the read's own version picks the means its weights are around (detail/basis earlierMeans)
    const key = `${basis.version}:${version}:${male.toFixed(4)}:${weights.map((w) => w.toFixed(4)).join(',')}:${residual ?? ''}:${octave ?? ''}`
    let layer = this.detailLayers.get(key)
    if (!layer) {
      const image = detailImage(basis, weights, male, version)
      // the photo's own detail beyond the weights, on the fine grid's pixels (detail/residual) and at twice its
      // resolution (detail/octave); a basis over other pixels than the released grid's (a test's) draws neither
      const released = basis.pixels.length === SKIN_DETAIL_PIXELS
      if (residual !== undefined && released) {
        const values = decodeResidual(residual)
        for (let i = 0; i < values.length; i++) image[basis.pixels[i]!]! += values[i]!
      }
      const fine = octave !== undefined && released ? decodeOctave(octave) : undefined
      layer = {
        // sharpened and at twice the grid, making up what the texels' resampling blurs (detail/resample)
        ...drawnDetail(basis, image, male, version, fine),
        key: hashKey(key),
        rest: this.rest68,
      }
      if (this.detailLayers.size >= 8)
        this.detailLayers.delete(this.detailLayers.keys().next().value!)
      this.detailLayers.set(key, layer)
    }
    return layer
  }

  /** Renders a character (with the look layer's shader when given, else the plain Lambert shader). */
  render(
    c: Character,
    options: RenderOptionsV2 = {},
    shade: ShaderFactory = createLambertShader
  ): RgbaImage {
    const mesh = this.pose(c)
    return this.engine.render(mesh, this.appearance(c, options), shade, options)
  }

  /** Image-space landmarks for a render of `c` with the same options. */
  landmarks(c: Character, options: RenderOptionsV2 = {}): CharacterLandmarksV2 {
    const size = options.size ?? 256
    const { mesh, morphed: pos } = this.posed(c)
    return computeLandmarksV2(
      this.rig,
      pos,
      this.eyePoints(pos),
      mesh,
      headView(options.yaw ?? 0, size, options.frame, options.pitch ?? 0, options.distance),
      size
    )
  }

  private eyePoints(pos: Float32Array): Float32Array {
    const eyes = this.assets.proxy('eyes')
    return fitProxy(eyes, pos, 10, new Float32Array(eyes.points * 3))
  }
}

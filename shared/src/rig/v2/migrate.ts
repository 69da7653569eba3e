/**
 * @module rig/v2/migrate — `migrateV1`: the closest rig v2 character for a rig v1 character, so nothing saved
 * (IndexedDB, KV, fc1 codes, exported galleries) is lost. The mapping (docs/engine-v2.md lists it):
 * - colours: v1's colour ids are v2's (same palettes), copied; freckles 0;
 * - hair style, brow shape: nearest v2 option by look (HAIR_MAP, BROW_MAP); facial hair and lipstick: same ids;
 *   lashes natural, glasses none;
 * - proportions: each mapped v1 slider (PROPORTION_MAP) moves its v2 face slider(s) by its own offset from its
 *   v1 default, i.e. the same relative position within each safe range; unmapped v1 sliders are dropped;
 * - who: gender 0.9 with facial hair, 0.1 with lipstick, else 0.5; age 25 years plus 40 x hair greyness;
 *   heritage equal thirds; muscle and weight average; expressions neutral.
 */
import { SLIDERS } from '../sliders.ts'
import type { Character } from '../schema.ts'
import { validateCharacter } from '../validate.ts'
import { ageSliderForYears, createCharacterV2 } from './character.ts'
import { COLORS_V2 } from './colors.ts'

/** v1 hair style -> v2 hair style. */
export const HAIR_MAP: Readonly<Record<string, string>> = {
  bald: 'bald',
  buzz: 'buzz',
  crop: 'short',
  'side-part': 'short-swept',
  bob: 'bob',
  long: 'long',
  bun: 'ponytail',
  curly: 'afro',
  straight: 'bob-long',
}

/** v1 brow style -> v2 brow style. */
export const BROW_MAP: Readonly<Record<string, string>> = {
  'soft-arch': 'brow-001',
  'high-arch': 'brow-003',
  angled: 'brow-006',
  rounded: 'brow-002',
  bushy: 'brow-009',
  thin: 'brow-011',
}

const both = (name: string) => [`face.l-${name}`, `face.r-${name}`]

/** v1 slider -> the v2 face sliders it moves. */
export const PROPORTION_MAP: Readonly<Record<string, readonly string[]>> = {
  'face.width': ['face.head-scale-horiz.decr-incr'],
  'face.height': ['face.head-scale-vert.decr-incr'],
  'face.depth': ['face.head-scale-depth.decr-incr'],
  'face.neck_width': ['face.neck-scale-horiz.decr-incr'],
  'forehead.height': ['face.forehead-scale-vert.decr-incr'],
  'forehead.prominence': ['face.forehead-trans.backward-forward'],
  'forehead.temple_width': ['face.forehead-temple.decr-incr'],
  'cheeks.bone_width': both('cheek-bones.decr-incr'),
  'cheeks.fullness': both('cheek-volume.decr-incr'),
  'cheeks.height': both('cheek-trans.down-up'),
  'jaw.width': ['face.chin-bones.decr-incr'],
  'jaw.protrusion': ['face.chin-prognathism.decr-incr'],
  'chin.height': ['face.chin-height.decr-incr'],
  'chin.protrusion': ['face.chin-prominent.decr-incr'],
  'chin.width': ['face.chin-width.decr-incr'],
  'brows.height': ['face.eyebrows-trans.down-up'],
  'brows.tilt': ['face.eyebrows-angle.down-up'],
  'brows.depth': ['face.eyebrows-trans.backward-forward'],
  'eyes.spacing': both('eye-trans.in-out'),
  'eyes.height': both('eye-trans.down-up'),
  'eyes.size': both('eye-scale.decr-incr'),
  'eyes.bags': both('eye-bag.decr-incr'),
  'nose.length': ['face.nose-scale-vert.decr-incr'],
  'nose.width': ['face.nose-scale-horiz.decr-incr'],
  'nose.projection': ['face.nose-scale-depth.decr-incr'],
  'nose.hump': ['face.nose-hump.decr-incr'],
  'nose.tip_height': ['face.nose-point.down-up'],
  'nose.nostril_width': ['face.nose-nostrils-width.decr-incr'],
  'nose.height': ['face.nose-trans.down-up'],
  'mouth.width': ['face.mouth-scale-horiz.decr-incr'],
  'mouth.height': ['face.mouth-trans.down-up'],
  'mouth.upper_lip_thickness': ['face.mouth-upperlip-volume.decr-incr'],
  'mouth.lower_lip_thickness': ['face.mouth-lowerlip-volume.decr-incr'],
  'mouth.cupid_bow': ['face.mouth-cupidsbow.decr-incr'],
  'ears.size': both('ear-scale.decr-incr'),
  'ears.protrusion': both('ear-wing.decr-incr'),
  'ears.height': both('ear-trans.down-up'),
  'ears.lobe_size': both('ear-lobe.decr-incr'),
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x)

/** The closest rig v2 character to a (valid) rig v1 character; throws RigValidationError for invalid input. */
export function migrateV1(v1: Character): Character {
  validateCharacter(v1)
  const v1Default = new Map(SLIDERS.map((s) => [s.id, s.default]))
  const sliders: Record<string, number> = {}
  for (const [from, to] of Object.entries(PROPORTION_MAP)) {
    const offset = v1.sliders[from]! - v1Default.get(from)!
    for (const id of to) sliders[id] = clamp01(0.5 + offset)
  }
  const facial = v1.styles['hair.facial']!
  const lipstick = v1.styles['makeup.lipstick']!
  sliders['who.gender'] = facial !== 'none' ? 0.9 : lipstick !== 'none' ? 0.1 : 0.5
  sliders['who.age'] = ageSliderForYears(25 + 40 * v1.colors['hair.grey']!)
  const colors: Record<string, number> = {}
  for (const c of COLORS_V2) if (c.id in v1.colors) colors[c.id] = v1.colors[c.id]!
  return createCharacterV2({
    sliders,
    colors,
    styles: {
      'hair.style': HAIR_MAP[v1.styles['hair.style']!] ?? 'short',
      'brows.style': BROW_MAP[v1.styles['brows.style']!] ?? 'brow-001',
      'hair.facial': facial,
      'makeup.lipstick': lipstick,
    },
  })
}

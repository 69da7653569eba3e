/**
 * @module rig/colors — colour parameters: each is one normalised value read through a list of sRGB stops.
 *
 * Skin stops follow measured skin reflectance from very light to deep brown (roughly Fitzpatrick I-VI), so the
 * skin slider stays on the human skin locus instead of wandering through arbitrary RGB.
 */
import type { ColorDef } from './schema.ts'

type Rgb = readonly [number, number, number]

const HAIR_STOPS: Rgb[] = [
  [18, 15, 14], // black
  [44, 31, 24], // dark brown
  [82, 56, 38], // brown
  [128, 92, 60], // light brown
  [168, 128, 82], // dark blond
  [208, 172, 118], // blond
  [232, 216, 182], // platinum
]

export const COLORS: readonly ColorDef[] = Object.freeze([
  {
    id: 'skin.tone',
    group: 'skin',
    label: 'Skin tone',
    mode: 'palette',
    stops: [
      [246, 224, 208],
      [236, 198, 172],
      [220, 172, 138],
      [194, 140, 104],
      [158, 108, 76],
      [116, 76, 52],
      [76, 50, 36],
    ],
    default: 0.3,
  },
  {
    id: 'skin.undertone',
    group: 'skin',
    label: 'Undertone (cool to warm)',
    mode: 'tint',
    target: 'skin.tone',
    stops: [
      [255, 238, 246],
      [255, 255, 255],
      [255, 250, 222],
    ],
    default: 0.5,
  },
  {
    id: 'skin.blush',
    group: 'skin',
    label: 'Cheek redness',
    mode: 'amount',
    stops: [[214, 96, 96]],
    default: 0.25,
  },
  {
    id: 'hair.color',
    group: 'hair',
    label: 'Hair colour',
    mode: 'palette',
    stops: HAIR_STOPS,
    default: 0.3,
  },
  {
    id: 'hair.red',
    group: 'hair',
    label: 'Hair redness',
    mode: 'tint',
    target: 'hair.color',
    stops: [
      [255, 255, 255],
      [255, 196, 160],
    ],
    default: 0,
  },
  {
    id: 'hair.grey',
    group: 'hair',
    label: 'Grey hair',
    mode: 'mix',
    target: 'hair.color',
    stops: [[196, 196, 200]],
    default: 0,
  },
  {
    id: 'brows.color',
    group: 'brows',
    label: 'Brow colour',
    mode: 'palette',
    stops: HAIR_STOPS,
    default: 0.2,
  },
  {
    id: 'eyes.iris_color',
    group: 'eyes',
    label: 'Iris colour',
    mode: 'palette',
    stops: [
      [48, 30, 20], // dark brown
      [94, 58, 32], // brown
      [122, 96, 48], // hazel
      [88, 116, 72], // green
      [118, 128, 134], // grey
      [92, 120, 152], // grey-blue
      [58, 108, 172], // blue
    ],
    default: 0.2,
  },
  {
    id: 'mouth.lip_tint',
    group: 'mouth',
    label: 'Lip tint',
    mode: 'palette',
    stops: [
      [222, 150, 148],
      [198, 110, 112],
      [172, 92, 86],
      [128, 66, 64],
      [96, 56, 52],
    ],
    default: 0.35,
  },
] satisfies ColorDef[]).map((def) => Object.freeze(def))

/**
 * @module rig/v2/colors — rig v2's colour parameters: v1's (same ids, palettes and meaning: skin tone from very
 * light to very dark, undertone, blush, hair colour/red/grey, brow colour, iris, lip tint) plus freckles.
 */
import { COLORS } from '../colors.ts'
import type { ColorDefV2 } from './schema.ts'

export const COLORS_V2: readonly ColorDefV2[] = Object.freeze([
  // v1's colours all sit in groups v2 also has (skin, hair, brows, eyes, mouth).
  ...(COLORS as readonly ColorDefV2[]),
  Object.freeze({
    id: 'skin.freckles',
    group: 'skin',
    label: 'Freckles',
    mode: 'amount',
    stops: [[150, 90, 60]],
    default: 0,
  } satisfies ColorDefV2),
])

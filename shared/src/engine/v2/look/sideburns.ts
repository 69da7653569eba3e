/**
 * @module engine/v2/look/sideburns — where the short cuts' sideburns end. MakeHuman's short proxies (short01-04)
 * hang their side hair in front of the ear down to 4.7-6.7 cm below eye level, past the lobe (3.5 cm below) to the
 * jaw's angle, and forward over the cheek. Drawn with the engine's strand texture, which frays only at a card's open
 * border, they were long flat flaps with a hard lower edge (short-cropped worst: a dark square patch from the ear
 * to the eye's corner, joining a beard). A short cut's sideburns end about the middle of the ear, so the cards are
 * trimmed there, ending in the strands' own tips. Positions are the pack's REST frame (sideburns.test.ts checks the
 * numbers against the pack), so the trim follows each card through every morph.
 */
import { smoothstep } from './noise.ts'

/**
 * Hair styles (rig v2 ids) whose sideburns are trimmed: the short cuts. Longer hair hangs beside the ears, and
 * short-swept's long side hair is its fringe's tail, swept down past one eye.
 */
export const TRIMMED_STYLES: ReadonlySet<string> = new Set([
  'short',
  'short-textured',
  'short-cropped',
])

/**
 * The trim, rest-frame cm (eye corners at y 0, z 8.3; the jaw's top at y 0, z 5.3; the ear's outermost point at
 * y 0.6, z 0.1; the lobe at y -3.5). The proxies' side hair reaches z 6.6-7.2 from eye level down to y -4 (over the
 * cheek, beside the eye). Beside the face (|x| from `side`: hair in front of the face stays), below the temple
 * (`temple` -> `eye`) it ends at the sideburn's front edge (`front` -> `front + FADE`), and in front of the ear's
 * back (`back` -> `ear`) the sideburn ends from `top` down to `bottom`; the nape's hair behind the ear keeps its
 * length.
 */
export const SIDEBURN = Object.freeze({
  temple: 1.5,
  eye: 0.5,
  side: 5,
  front: 3,
  top: -0.8,
  bottom: -2.4,
  back: -2.5,
  ear: -1,
})

/** Depth (cm) over which the sideburn's front edge fades. */
const FADE = 1.5

/** How much of a short cut's hair at rest position (x, y, z) is trimmed away: 0 none .. 1 all. */
export function sideburnTrim(x: number, y: number, z: number): number {
  const S = SIDEBURN
  if (y >= S.temple) return 0
  const beside = smoothstep(S.side, S.side + 1, Math.abs(x))
  const forward = smoothstep(S.temple, S.eye, y) * smoothstep(S.front, S.front + FADE, z)
  const below = y < S.top ? smoothstep(S.top, S.bottom, y) * smoothstep(S.back, S.ear, z) : 0
  return beside * Math.max(forward, below)
}

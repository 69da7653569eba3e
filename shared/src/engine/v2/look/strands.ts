/**
 * @module engine/v2/look/strands — procedural strand textures for alpha-tested hair, brows and lashes. A strand
 * texture is a grid over (across, along): `across` wraps (each column is part of one strand with its own
 * brightness and length), `along` runs 0 at the root to 1 at the tip. Texels store shade (0-1) and coverage
 * (0-1, compared with 0.5 by the alpha test): strands thin out and end at their own random length, so the edge
 * of a card or shell frays instead of ending in a hard line.
 */
import { hash2, smoothstep, valueNoise } from './noise.ts'

/** Columns (across) and rows (along) of a strand texture. */
export const STRAND_W = 256
export const STRAND_H = 32

/** Parameters of a strand texture. */
export interface StrandStyle {
  /** Strands per texture width (columns per strand = STRAND_W / count). */
  count: number
  /** Coverage at the root (1 = fully dense); below 1 some strands leave gaps. */
  density: number
  /** Fraction of the length over which tips taper and end. */
  taper: number
  /** Brightness variation between strands. */
  variation: number
}

/** Hair: dense, long strands; brows: sparser short hairs; lashes: few, tapered. */
export const STRAND_STYLES = {
  hair: { count: 128, density: 0.97, taper: 0.55, variation: 0.35 },
  brow: { count: 64, density: 0.8, taper: 0.7, variation: 0.3 },
  lash: { count: 48, density: 0.75, taper: 0.9, variation: 0.15 },
  beard: { count: 192, density: 0.97, taper: 0.6, variation: 0.3 },
} satisfies Record<string, StrandStyle>

/** Shade + coverage, interleaved (STRAND_W*STRAND_H*2), for a style and seed. */
export function strandTexture(style: StrandStyle, seed: number): Float32Array {
  const out = new Float32Array(STRAND_W * STRAND_H * 2)
  const per = STRAND_W / style.count
  for (let i = 0; i < STRAND_W; i++) {
    const s = Math.floor(i / per) // strand id
    const f = (i + 0.5) / per - s // position across the strand, 0-1
    const bright = 1 + style.variation * (hash2(s, 0, seed) - 0.5) * 2
    const len = 1 - style.taper * hash2(s, 1, seed) // where this strand ends (along)
    const gap = hash2(s, 2, seed) >= style.density // a missing strand leaves a short gap, not a whole line
    const gapAt = hash2(s, 3, seed)
    const core = 1 - Math.abs(f - 0.5) * 2 // 1 at the strand's centre line
    for (let j = 0; j < STRAND_H; j++) {
      const along = (j + 0.5) / STRAND_H
      const width = smoothstep(len, len - 0.25, along) // strands thin toward their tip
      const present = gap && Math.abs(along - gapAt) < 0.2 ? 0.3 : 1
      const cov = present * smoothstep(0.0, 0.25, core + width - 0.35) * (0.55 + 0.45 * width)
      const o = (i + j * STRAND_W) * 2
      // Shade: brighter on the strand's centre (a round fibre), darker at the root (shadowed by the layer above).
      out[o] =
        bright *
        (0.72 + 0.28 * core) *
        (0.75 + 0.25 * smoothstep(0, 0.3, along)) *
        (0.9 + 0.2 * valueNoise(i * 0.1, along * 4, seed + 5))
      out[o + 1] = cov
    }
  }
  return out
}

/** Hairstyles drawn as a volume of coils (curls.ts) instead of strands along their cards. */
export function isCurly(hairStyle: string): boolean {
  return /afro|curl|coil/i.test(hairStyle)
}

/**
 * Hairstyles combed back from the hairline (MakeHuman's short cuts without a fringe: 'short-cropped',
 * 'short-textured'); their strands run front to back instead of down from the crown.
 */
export function isCombedBack(hairStyle: string): boolean {
  return hairStyle === 'short-cropped' || hairStyle === 'short-textured'
}

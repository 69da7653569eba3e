/**
 * @module engine/v2/hair-measure — what the hair tests measure on renders: which pixels a hairstyle draws (against
 * the same character bald) and how even its tone is at the scale of a few pixels. Test support (not exported by the
 * engine's index): the Afro and light-hair tests share it.
 */
import type { Character } from '../../rig/index.ts'
import { randomPlausibleCharacter } from '../../rig/v2/index.ts'
import type { CharacterEngineV2 } from './character.ts'
import { lookShader } from './index.ts'

/** The size the hair tests render at (the size `eval engine` judges) and their backdrop. */
export const HAIR_SIZE = 256
export const HAIR_BACKGROUND: [number, number, number] = [128, 144, 160]

/** Plausible person `seed` in hairstyle `style`, no grey, no glasses; `colors` override the rest. */
export function hairPerson(
  seed: number,
  style: string,
  colors: Record<string, number> = {}
): Character {
  const c = randomPlausibleCharacter(seed)
  return {
    ...c,
    colors: { ...c.colors, 'hair.grey': 0, ...colors },
    styles: { ...c.styles, 'hair.style': style, 'glasses.style': 'none' },
  }
}

/**
 * Luminance (0-255) of each pixel where a HAIR_SIZE render of `c` (turned `yaw` degrees, on HAIR_BACKGROUND) differs
 * from `c` bald; -1 elsewhere.
 */
export function hairPixels(engine: CharacterEngineV2, c: Character, yaw = 0): Float32Array {
  const size = HAIR_SIZE
  const background = HAIR_BACKGROUND
  const bald = engine.render(
    { ...c, styles: { ...c.styles, 'hair.style': 'bald' } },
    { size, background, yaw },
    lookShader
  )
  const img = engine.render(c, { size, background, yaw }, lookShader)
  const lum = new Float32Array(size * size).fill(-1)
  for (let i = 0; i < size * size; i++) {
    const o = i * 4
    const d =
      Math.abs(img.data[o]! - bald.data[o]!) +
      Math.abs(img.data[o + 1]! - bald.data[o + 1]!) +
      Math.abs(img.data[o + 2]! - bald.data[o + 2]!)
    if (d > 30) lum[i] = 0.3 * img.data[o]! + 0.59 * img.data[o + 1]! + 0.11 * img.data[o + 2]!
  }
  return lum
}

/**
 * Mean |pixel - mean of its 3x3 hair neighbours| over the hair pixels of `lum` (hairPixels: square), relative to their
 * median luminance (returned too): streaks, stripes and tile edges raise it; an even mass of hair keeps it low.
 */
export function hairContrast(lum: Float32Array): { contrast: number; median: number } {
  const size = Math.round(Math.sqrt(lum.length))
  const hair = [...lum].filter((l) => l >= 0).sort((a, b) => a - b)
  const median = hair[hair.length >> 1]!
  let sum = 0
  let n = 0
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x
      if (lum[i]! < 0) continue
      let s = 0
      let k = 0
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const l = lum[i + dy * size + dx]!
          if (l >= 0) {
            s += l
            k++
          }
        }
      }
      sum += Math.abs(lum[i]! - s / k)
      n++
    }
  }
  return { contrast: sum / n / median, median }
}

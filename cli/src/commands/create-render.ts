/** @module cli/commands/create-render — renders of a created character with the engine of its rig (CLI only). */
import { rigCodec } from '@facecraft/shared/create'
import type { RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { pickEngine, type EngineParams } from '../eval/engines.ts'

/** The engine parameters of a character of any supported rig, its skin detail included. */
export function engineParams(c: Character): EngineParams {
  const rig = rigCodec(c.rig)
  const p: EngineParams = { x: Float64Array.from(rig.toVector(c)), styles: rig.toStyles(c) }
  if (c.detail) p.detail = c.detail
  return p
}

/** A front render at `size` px on the studio backdrop. */
export function renderFront(c: Character, size: number): RgbaImage {
  return pickEngine(String(c.rig)).render(engineParams(c), size).image
}

/** A front render in the canonical aligned frame (as an aligned photo crop of the character would look). */
export function renderAligned(c: Character, size: number): RgbaImage {
  return pickEngine(String(c.rig)).aligned(engineParams(c), size).image
}

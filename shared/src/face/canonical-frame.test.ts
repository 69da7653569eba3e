/** @file The frozen canonical frame (canonical-frame.json) is engine v1's default character in its front view. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { characterLandmarks } from '../engine/index.ts'
import { createCharacter } from '../rig/character.ts'
import { ALIGN_POINTS, alignTemplate, CANONICAL_FRAME_VERSION, canonicalTemplate } from './align.ts'

// Whole-head geometry and renders: about 1-2.5 s each on a quiet core, several times that when CI runs every
// workspace's tests at once beside other jobs (5 s timeouts failed at load 10).
describe('canonical frame v1', { timeout: 30_000 }, () => {
  it("matches the engine's mean face (default character, front view) to 1e-5 of the frame", () => {
    const size = 1024
    const { ibug68 } = characterLandmarks(createCharacter(), { size })
    const frame = canonicalTemplate()
    let worst = 0
    for (let i = 0; i < 136; i++) worst = Math.max(worst, Math.abs(frame[i]! - ibug68[i]! / size))
    // If this fails, the engine's default face moved: the frame is frozen, so either restore the engine or
    // write canonical-frame.json version 2 (and retrain what depends on the frame).
    expect(worst).toBeLessThan(1e-5)
    expect(CANONICAL_FRAME_VERSION).toBe(1)
  })

  it('is the default alignment template and lists the fit points', () => {
    expect(Array.from(alignTemplate())).toEqual(Array.from(canonicalTemplate()))
    expect(ALIGN_POINTS).toHaveLength(39)
    expect(Math.min(...ALIGN_POINTS)).toBe(19)
  })

  it('is plain JSON a Python reader can use: 68 [x, y] pairs in the unit square', () => {
    const json = JSON.parse(
      readFileSync(new URL('./canonical-frame.json', import.meta.url), 'utf8')
    )
    expect(json.format).toBe('facecraft-canonical-frame')
    expect(json.ibug68).toHaveLength(68)
    for (const [x, y] of json.ibug68) {
      expect(x).toBeGreaterThan(0)
      expect(x).toBeLessThan(1)
      expect(y).toBeGreaterThan(0)
      expect(y).toBeLessThan(1)
    }
  })
})

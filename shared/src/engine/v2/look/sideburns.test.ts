/**
 * A short cut's sideburns end about the middle of the ear (sideburns.ts; issue #8): MakeHuman's short proxies hung
 * their side hair past the lobe and over the cheek, drawn as a flat dark flap in front of the ear.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCharacterV2 } from '../../../rig/v2/index.ts'
import type { CharacterEngineV2 } from '../character.ts'
import { lookShader, useHeadPack } from '../index.ts'
import { SIDEBURN, TRIMMED_STYLES, sideburnTrim } from './sideburns.ts'

const PACK = new URL('../../../../assets/head-v2/head-v2.bin', import.meta.url)
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

/** A fair man with black hair in `style`, turned 30 degrees (his right ear toward the camera). */
function man(style: string) {
  return createCharacterV2({
    sliders: { 'who.gender': 1 },
    colors: { 'skin.tone': 0.15, 'hair.color': 0, 'hair.grey': 0 },
    styles: { 'hair.style': style, 'hair.facial': 'none', 'glasses.style': 'none' },
  })
}

/** Share of dark (hair) pixels in front of the visible ear, from its middle down to its lobe. */
function hairBesideEar(style: string): number {
  const c = man(style)
  const view = { size: 256, yaw: 30 }
  const img = engine.render(c, view, lookShader)
  const { named } = engine.landmarks(c, view)
  const [tx, ty] = named['earTip.R']!
  const [lx, ly] = named['earLobe.R']!
  const [nx] = named['noseTip']!
  const x0 = Math.round(Math.max(tx, lx) + 2) // just in front of the ear, toward the nose
  const x1 = Math.round(x0 + 0.25 * (nx - x0))
  let dark = 0
  let n = 0
  for (let y = Math.round((ty + ly) / 2 + 2); y <= Math.round(ly); y++)
    for (let x = x0; x <= x1; x++) {
      const o = (y * 256 + x) * 4
      dark += img.data[o]! + img.data[o + 1]! + img.data[o + 2]! < 150 ? 1 : 0
      n++
    }
  expect(n).toBeGreaterThan(20)
  return dark / n
}

describe('engine v2 sideburns', { timeout: 60_000 }, () => {
  it("sit where the trim's rest-frame numbers say: at the pack's ears and eyes", () => {
    const R = engine.assets.rest
    const y = (v: number) => R[v * 3 + 1]!
    const z = (v: number) => R[v * 3 + 2]!
    const [tipR, tipL, lobeR, lobeL] = engine.rig.extras
    for (const v of [tipR!, tipL!]) {
      expect(y(v)).toBeGreaterThan(SIDEBURN.top) // the trim starts below the ear's outermost point
      expect(y(v)).toBeLessThan(SIDEBURN.temple)
      expect(z(v)).toBeGreaterThan(SIDEBURN.ear) // the ear lies in the trimmed depth, the nape behind it
    }
    for (const v of [lobeR!, lobeL!]) expect(y(v)).toBeLessThan(SIDEBURN.bottom) // ends above the lobe
    // the eyes' outer corners lie ahead of the sideburn's front edge, at the temple's height band
    for (const k of [36, 45]) {
      expect(Math.abs(y(engine.rig.ibug[k]!))).toBeLessThan(SIDEBURN.temple)
      expect(z(engine.rig.ibug[k]!)).toBeGreaterThan(SIDEBURN.front + 1.5)
    }
    // nothing above the temple line, in front of the face or behind the ear is trimmed
    expect(sideburnTrim(7, SIDEBURN.temple + 0.1, 5)).toBe(0)
    expect(sideburnTrim(2, -3, 9)).toBe(0)
    expect(sideburnTrim(7, -3, SIDEBURN.back - 0.1)).toBe(0)
    expect(sideburnTrim(7, -3, 2)).toBe(1)
  })

  it('end about the middle of the ear on the short cuts, and only there', () => {
    // measured before the trim: short 0.31 of this box dark, short-textured 0.11, short-cropped 0.55; now 0.002-0.012
    for (const style of TRIMMED_STYLES) expect(hairBesideEar(style), style).toBeLessThan(0.05)
    // the long styles still hang beside the ear
    expect(hairBesideEar('long')).toBeGreaterThan(0.5)
  })
})

/**
 * @file The look layer on a synthetic head (no MakeHuman data needed): texture determinism, skin tone range,
 * alpha testing, texture caching, a golden image with a pixel tolerance and NaN-free renders of extreme looks.
 * Regenerate the golden image on purpose only: `UPDATE_GOLDEN=1 npx vitest run --root shared src/engine/v2/look`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodePng, encodePng } from '../../../image/png.ts'
import { mat4 } from '../../../math/index.ts'
import { createTarget, rasterize, resolveImage } from '../../../render/index.ts'
import { MATERIAL } from '../mesh-types.ts'
import { eyePatch } from './eye.ts'
import { createHeadShader, drawHead } from './index.ts'
import { templatePoints } from '../../../detail/frame.ts'
import { DETAIL_TURN, detailTurn } from '../detail-turn.ts'
import { DETAIL_FRONT, detailFade } from './skin.ts'
import { luminance, skinAlbedo } from './skin-tone.ts'
import { STRAND_STYLES, strandTexture } from './strands.ts'
import { appearanceKey, skinBakeFor, texturesFor } from './textures.ts'
import {
  frontView,
  hashBytes,
  sampleAppearance,
  SAMPLE_LOOKS,
  syntheticHead,
} from './test-support.ts'

const GOLDEN = fileURLToPath(new URL('./golden/synthetic-64.png', import.meta.url))
const head = syntheticHead()
const FOCUS = [0, 0, 9.3] as const

/** Renders the synthetic head: `size` px output, 2x2 supersampled. */
function render(look = sampleAppearance(), size = 64) {
  const full = size * 2
  const target = createTarget(full, full)
  drawHead(target, mat4.viewport(mat4.create(), full, full), head, look, frontView(FOCUS, full))
  return { target, image: resolveImage(target.color, full, full, 2, [200, 200, 205]) }
}

describe('skin tone', () => {
  it('is monotone in luminance from very dark to very light, for every undertone', () => {
    const c = new Float32Array(3)
    for (const under of [0, 0.25, 0.5, 0.75, 1]) {
      let prev = -1
      for (let t = 0; t <= 1.0001; t += 0.05) {
        skinAlbedo(t, under, c)
        const y = luminance(c)
        expect(y).toBeGreaterThan(prev)
        prev = y
      }
    }
    skinAlbedo(0, 0.5, c)
    expect(luminance(c)).toBeLessThan(0.03) // Fitzpatrick VI
    skinAlbedo(1, 0.5, c)
    expect(luminance(c)).toBeGreaterThan(0.6) // Fitzpatrick I
  })

  it('tilts hue with the undertone (warm is yellower, cool is pinker) at the same luminance', () => {
    const cool = new Float32Array(3)
    const warm = new Float32Array(3)
    skinAlbedo(0.6, 0, cool)
    skinAlbedo(0.6, 1, warm)
    expect(luminance(cool)).toBeCloseTo(luminance(warm), 3)
    expect(warm[2]! / warm[0]!).toBeLessThan(cool[2]! / cool[0]!)
  })
})

describe('procedural textures', () => {
  it('are deterministic (same bytes on every run and in every JS engine)', () => {
    const a = sampleAppearance()
    const iris = eyePatch(a.irisColor, 7)
    expect(hashBytes(iris)).toBe(hashBytes(eyePatch(a.irisColor, 7)))
    expect(hashBytes(iris)).not.toBe(hashBytes(eyePatch(a.irisColor, 8)))
    const bake = skinBakeFor(head)
    const tex = texturesFor(bake, a, head)
    // Pinned hashes: a change here means the look changed (update them on purpose, with a look at the previews).
    expect({
      eye: hashBytes(iris),
      hair: hashBytes(strandTexture(STRAND_STYLES.hair, 7)),
      layers: hashBytes(bake.fine),
      skin: hashBytes(tex.skin.fine),
    }).toEqual(PINNED)
  })

  it('are cached per appearance and differ when a look field changes', () => {
    const bake = skinBakeFor(head)
    const a = sampleAppearance()
    expect(texturesFor(bake, a, head)).toBe(texturesFor(bake, { ...a }, head))
    for (const over of [{ skinTone: 0.2 }, { age: 0.9 }, { lipstick: 1 }, { seed: 8 }]) {
      expect(appearanceKey({ ...a, ...over })).not.toBe(appearanceKey(a))
    }
    expect(texturesFor(bake, { ...a, age: 0.95 }, head).skin.fine).not.toEqual(
      texturesFor(bake, a, head).skin.fine
    )
  })
})

// Each bakes a synthetic head's skin grid: ~3.5 s on a loaded core, near vitest's 5 s default.
describe('skin detail fade (DETAIL_FRONT)', { timeout: 30_000 }, () => {
  it("draws a photo's detail in full where the skin faces the camera, none where a front photo saw it edge-on", () => {
    // the synthetic head is a sphere about the origin: its normal's share toward the camera is z / |p|
    const bake = skinBakeFor(head)
    const fade = detailFade(bake)
    const band: [number, number][] = [] // (facing, fade) around the equator, where u runs round the sphere
    for (let k = 0; k < fade.length; k++) {
      if (!bake.fineCovered[k]) continue
      const [x, y, z] = [0, 1, 2].map((c) => bake.finePos[k * 3 + c]! + bake.origin[c]!) as [
        number,
        number,
        number,
      ]
      const facing = z / Math.hypot(x, y, z)
      expect(fade[k]).toBeGreaterThanOrEqual(0)
      expect(fade[k]).toBeLessThanOrEqual(1)
      if (facing > 0.75) expect(fade[k]).toBe(1)
      if (Math.abs(y) < 3 && facing >= 0) band.push([facing, fade[k]!])
    }
    const side = band.filter(([f]) => f < 0.1)
    expect(side.length).toBeGreaterThan(20)
    for (const [, v] of side) expect(v).toBe(0)
    // in between it rises with the facing: no texel of the band fades more than one that faces away more
    band.sort((a, b) => a[0] - b[0])
    const binned = [0.15, 0.25, 0.35, 0.45, 0.55].map((lo) => {
      const inBin = band.filter(([f]) => f >= lo && f < lo + 0.1).map(([, v]) => v)
      return inBin.reduce((a, b) => a + b, 0) / inBin.length
    })
    for (let b = 1; b < binned.length; b++)
      expect(binned[b]!).toBeGreaterThanOrEqual(binned[b - 1]!)
    expect(binned[0]!).toBeLessThan(0.2)
    expect(DETAIL_FRONT.none).toBeLessThan(DETAIL_FRONT.full)
  })

  it('composes a turned skin with detail times the fade (untouched where it is 0), a front one with all of it', () => {
    const bake = skinBakeFor(head)
    const fade = detailFade(bake)
    // a flat detail of +20 levels over the whole shape-free frame, which maps [0, 1] onto -15..15 cm of the head
    const size = 32
    const rest = Float32Array.from(templatePoints(), (v, i) => (v - 0.5) * 30 + bake.origin[i & 1]!)
    const detail = { image: new Float32Array(size * size).fill(20), size, key: 'flat+20', rest }
    const a = sampleAppearance()
    const plain = texturesFor(bake, a, head).skin.fine
    const front = texturesFor(bake, { ...a, detail }, head).skin.fine
    const turned = { ...detail, key: 'flat+20:turn1', turn: 1 }
    const lit = texturesFor(bake, { ...a, detail: turned }, head).skin.fine
    let [bare, drawn] = [0, 0]
    for (let k = 0; k < fade.length; k++) {
      if (bake.fineCovered[k] !== 1) continue
      const [x, y] = [bake.finePos[k * 3]!, bake.finePos[k * 3 + 1]!]
      if (Math.abs(x) > 13 || Math.abs(y) > 13) continue // the frame's edge: bilinear reads past it
      const same = plain[k * 4] === lit[k * 4] && plain[k * 4 + 1] === lit[k * 4 + 1]
      // from the front (turn 0) every skin texel draws the detail; turned, only where the fade lets it
      expect(plain[k * 4] === front[k * 4]).toBe(false)
      if (fade[k] === 0) {
        expect(same).toBe(true)
        bare++
      } else if (fade[k] === 1) {
        expect(same).toBe(false)
        drawn++
      }
    }
    expect(bare).toBeGreaterThan(1000)
    expect(drawn).toBeGreaterThan(1000)
  })
})

describe('detailTurn', () => {
  it('fades nothing from the front and all from DETAIL_TURN.deg on, rising in DETAIL_TURN.steps steps', () => {
    expect(detailTurn(0)).toBe(0)
    expect(detailTurn(DETAIL_TURN.deg)).toBe(1)
    expect(detailTurn(-90)).toBe(1)
    let prev = 0
    const seen = new Set<number>()
    for (let yaw = 0; yaw <= DETAIL_TURN.deg; yaw += 0.5) {
      const t = detailTurn(yaw)
      expect(t).toBeGreaterThanOrEqual(prev)
      expect(detailTurn(-yaw)).toBe(t)
      seen.add(t)
      prev = t
    }
    expect(seen.size).toBe(DETAIL_TURN.steps + 1)
  })
})

describe('head shader', () => {
  it('alpha-tests strands (frayed hair tips and brow edges discard) and always discards the cornea', () => {
    const shader = createHeadShader(head, sampleAppearance(), frontView(FOCUS, 128))
    const clip = new Float32Array(4)
    const bary = new Float32Array(3)
    const out = new Float32Array(4)
    const kept = { [MATERIAL.hair]: [0, 0], [MATERIAL.brow]: [0, 0] } as Record<number, number[]>
    for (let t = 0; t < head.triangleCount; t++) {
      const m = head.material[t]!
      if (!(m in kept)) continue
      for (let k = 0; k < 3; k++) shader.vertex(t, k, clip)
      for (let i = 0; i < 16; i++) {
        const b1 = ((i * 7) % 16) / 16
        const b2 = (1 - b1) * (((i * 5) % 16) / 16)
        bary.set([1 - b1 - b2, b1, b2])
        kept[m]![shader.fragment(bary, out) ? 0 : 1]!++
      }
    }
    for (const m of [MATERIAL.hair, MATERIAL.brow]) {
      const keep = kept[m]![0]!
      const drop = kept[m]![1]!
      expect(keep).toBeGreaterThan(0)
      expect(drop).toBeGreaterThan(0) // some fragments are discarded...
      expect(keep).toBeGreaterThan(drop * 0.5) // ...but the surface stays mostly covered
    }
    const cornea = {
      ...head,
      material: head.material.map((m) => (m === MATERIAL.eyeball ? MATERIAL.cornea : m)),
    }
    const s2 = createHeadShader(cornea, sampleAppearance(), frontView(FOCUS, 128))
    const eyeTri = head.material.indexOf(MATERIAL.eyeball)
    for (let k = 0; k < 3; k++) s2.vertex(eyeTri, k, clip)
    bary.set([1 / 3, 1 / 3, 1 / 3])
    expect(s2.fragment(bary, out)).toBe(false)
  })

  it('renders extreme looks without NaN and with the face covered', () => {
    const extremes = [
      ...Object.values(SAMPLE_LOOKS).map((o) => sampleAppearance(o)),
      sampleAppearance({
        skinTone: 0,
        undertone: 0,
        age: 1,
        gender: 1,
        beardStyle: 'full',
        lensTint: 1,
      }),
      sampleAppearance({
        skinTone: 1,
        undertone: 1,
        age: 0,
        gender: 0,
        freckles: 1,
        blush: 1,
        lipstick: 1,
      }),
      sampleAppearance({ hairStyle: 'bald', beardStyle: 'unknown-style', seed: 2 ** 31 - 1 }),
    ]
    for (const look of extremes) {
      const { target } = render(look)
      let nan = 0
      for (let i = 0; i < target.color.length; i++) if (!Number.isFinite(target.color[i]!)) nan++
      expect(nan).toBe(0)
      const centre = (64 + 64 * 128) * 4
      expect(target.color[centre + 3]).toBe(1)
    }
  })

  it('matches the golden image of the synthetic head (pixel tolerance)', () => {
    const { image } = render()
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, encodePng(image))
    const golden = decodePng(readFileSync(GOLDEN))
    expect([golden.width, golden.height]).toEqual([64, 64])
    let off = 0
    for (let i = 0; i < image.data.length; i++)
      if (Math.abs(image.data[i]! - golden.data[i]!) > 2) off++
    if (off > 0.005 * image.data.length) {
      const out = join(tmpdir(), 'facecraft-look-synthetic-64.png')
      writeFileSync(out, encodePng(image))
      throw new Error(
        `${off} channel values differ by more than 2 from the golden image; see ${out}.`
      )
    }
  })

  it('renders the same bytes whether a small render finds a half or a full skin texture cached', () => {
    const look = sampleAppearance({ seed: 901, skinTone: 0.37 })
    const cold = render(look).image.data // composes the half texture
    texturesFor(skinBakeFor(head), look, head) // now the full one is cached too, and is preferred
    expect(hashBytes(render(look).image.data)).toBe(hashBytes(cold))
  })

  it('draws nothing it should not: triangles outside the view write no pixels', () => {
    const shader = createHeadShader(head, sampleAppearance(), frontView([0, 100, 9.3], 128))
    const target = createTarget(128, 128)
    const screen = mat4.viewport(mat4.create(), 128, 128)
    let written = 0
    for (let t = 0; t < head.triangleCount; t++) written += rasterize(t, shader, target, screen)
    expect(written).toBe(0)
  })
})

const PINNED = { eye: '88974682', hair: 'e809d6de', layers: '96e51a9a', skin: 'de7a29bf' }

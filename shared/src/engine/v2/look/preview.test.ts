/**
 * @file Renders the real MakeHuman head (raw base.obj + fitted proxies, see fixture.ts) with the look layer, front
 * view, at 128 px (2x2 SSAA) and 512 px, for each sample appearance. Checks coverage and NaN; with
 * LOOK_PREVIEW=<dir> it also writes the PNGs there to look at. Skipped when the MakeHuman data is absent
 * (set FACECRAFT_MAKEHUMAN to its folder).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encodePng } from '../../../image/png.ts'
import { mat4 } from '../../../math/index.ts'
import { createTarget, resolveImage } from '../../../render/index.ts'
import { buildBaseHead } from './fixture.ts'
import { drawHead } from './index.ts'
import { eyeMidpoint } from './skin.ts'
import { SAMPLE_LOOKS, frontView, sampleAppearance } from './test-support.ts'

/** The MakeHuman folder: $FACECRAFT_MAKEHUMAN, else `shared/makehuman` beside the checkout or its parents. */
export function findMakehuman(): string | null {
  if (process.env.FACECRAFT_MAKEHUMAN) return process.env.FACECRAFT_MAKEHUMAN
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 10; i++) {
    const c = join(dir, 'shared', 'makehuman')
    if (existsSync(join(c, 'data', '3dobjs', 'base.obj'))) return c
    dir = resolve(dir, '..')
  }
  return null
}

const MH = findMakehuman()

/** The fixture head with eyes, brows, lashes and a short hairstyle (read once). */
export function loadHead(hair = 'short02') {
  const r = (p: string) => readFileSync(join(MH!, p), 'utf8')
  const proxy = (p: string) => ({ obj: r(`${p}.obj`), mhclo: r(`${p}.mhclo`) })
  return buildBaseHead({
    base: r('data/3dobjs/base.obj'),
    eyes: proxy('data/eyes/high-poly/high-poly'),
    brow: proxy('assets/base/eyebrows/eyebrow001/eyebrow001'),
    lash: proxy('assets/base/eyelashes/eyelashes01/eyelashes01'),
    hair: hair ? proxy(`assets/base/hair/${hair}/${hair}`) : undefined,
  })
}

describe.skipIf(!MH)('look preview on the MakeHuman head', () => {
  it(
    'renders every sample appearance with full face coverage and no NaN',
    { timeout: 120_000 },
    () => {
      const hair = process.env.LOOK_HAIR ?? 'short02'
      const head = loadHead(hair)
      const focus = eyeMidpoint(head, head.positions)
      const out = process.env.LOOK_PREVIEW
      if (out) mkdirSync(out, { recursive: true })
      for (const [name, over] of Object.entries(SAMPLE_LOOKS)) {
        const look = sampleAppearance({ hairStyle: hair || 'bald', ...over })
        for (const [size, ss] of [
          [128, 2],
          [512, 1],
        ] as const) {
          const full = size * ss
          const target = createTarget(full, full)
          const view = frontView(focus, full)
          const t0 = performance.now()
          drawHead(target, mat4.viewport(mat4.create(), full, full), head, look, view)
          const ms = performance.now() - t0
          // one expect for the whole buffer: one per value (1M at 512 px) made this test take minutes
          expect(target.color.findIndex((v) => Number.isNaN(v))).toBe(-1)
          // The centre of the face is drawn.
          const c = (full / 2 + (full / 2) * full) * 4
          expect(target.color[c + 3]).toBe(1)
          const img = resolveImage(target.color, full, full, ss, [200, 200, 205])
          if (out) {
            writeFileSync(join(out, `${name}-${size}.png`), encodePng(img))
            console.log(`${name} ${size}px: ${ms.toFixed(1)} ms`)
          }
        }
      }
    }
  )
})

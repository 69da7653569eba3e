/**
 * @file Render quality checks: the default character matches its golden image within a pixel tolerance, and random
 * characters have no holes (background showing inside the face) and no NaN landmarks.
 * Regenerate the golden image on purpose only: `UPDATE_GOLDEN=1 npx vitest run --root shared src/engine/render`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodePng, encodePng } from '../image/png.ts'
import { createCharacter, randomCharacter } from '../rig/character.ts'
import { getEngine } from './engine.ts'

const GOLDEN = fileURLToPath(new URL('./golden/default-128.png', import.meta.url))
const engine = getEngine()

/** Is (x, y) inside the polygon (even-odd rule)? */
function inside(poly: [number, number][], x: number, y: number): boolean {
  let odd = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!
    const [xj, yj] = poly[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd
  }
  return odd
}

describe('render quality', () => {
  it('matches the golden image of the default character (pixel tolerance)', () => {
    const img = engine.render(createCharacter(), { size: 128, background: [255, 255, 255] })
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, encodePng(img))
    const golden = decodePng(readFileSync(GOLDEN))
    expect([golden.width, golden.height]).toEqual([128, 128])
    let off = 0
    let sum = 0
    for (let i = 0; i < img.data.length; i++) {
      const d = Math.abs(img.data[i]! - golden.data[i]!)
      sum += d
      if (d > 2) off++
    }
    if (off > 0.005 * img.data.length) {
      const out = join(tmpdir(), 'facecraft-default-128.png')
      writeFileSync(out, encodePng(img))
      throw new Error(
        `${off} channel values differ by more than 2 from the golden image; see ${out}.`
      )
    }
    expect(sum / img.data.length).toBeLessThan(0.5)
  })

  it(
    'has no holes in the face and no NaN landmarks for random characters',
    { timeout: 60_000 },
    () => {
      const size = 128
      for (let seed = 100; seed < 124; seed++) {
        const c = randomCharacter(seed)
        const yaw = ((seed % 3) - 1) * 15
        const img = engine.render(c, { size, yaw })
        const lm = engine.landmarks(c, { size, yaw })
        expect(lm.ibug68.every(Number.isFinite), `seed ${seed}`).toBe(true)
        // The face oval: the jaw contour, closed over the brows; shrunk 2 px toward its centre to skip edge AA.
        const pts: [number, number][] = []
        for (const i of [...Array(17).keys(), 26, 25, 24, 23, 22, 21, 20, 19, 18, 17]) {
          pts.push([lm.ibug68[i * 2]!, lm.ibug68[i * 2 + 1]!])
        }
        const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length
        const cy = pts.reduce((a, p) => a + p[1], 0) / pts.length
        const poly = pts.map(([x, y]): [number, number] => {
          const d = Math.hypot(x - cx, y - cy) || 1
          return [x - (2 * (x - cx)) / d, y - (2 * (y - cy)) / d]
        })
        let holes = 0
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            if (inside(poly, x + 0.5, y + 0.5) && img.data[(x + y * size) * 4 + 3]! < 255) holes++
          }
        }
        expect(holes, `seed ${seed}: transparent pixels inside the face`).toBe(0)
      }
    }
  )
})

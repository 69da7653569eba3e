/**
 * @file shared/src/create/iris-table.json is the current engine's (a few entries measured again match it), and the
 * creator's reading of an iris (create/iris.ts) finds the palette value of characters the table was not made from.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  IRIS_FRAME_SIZE,
  irisColour,
  matchIris,
  rigCodec,
  type IrisTable,
} from '@facecraft/shared/create'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { nodeModelSource } from '../commands/detect.ts'
import { engineV2 } from './engines.ts'
import { IRIS_GRID, measureIrisTable, skinOf } from './iris-table.ts'

const saved: IrisTable = JSON.parse(
  readFileSync(new URL('../../../shared/src/create/iris-table.json', import.meta.url), 'utf8')
)

describe('iris table', () => {
  it("has the generator's palette values", () => {
    expect(saved.iris).toEqual(IRIS_GRID.iris)
  })

  it('matches the engine it was made from (after a look change: npx tsx cli/scripts/iris-table.ts)', async () => {
    const only = [0, 6, 12]
    const now = await measureIrisTable(only)
    for (const i of only)
      expect(Math.hypot(...now.lab[i]!.map((v, c) => v - saved.lab[i]![c]!))).toBeLessThan(0.05)
  }, 120_000)

  it('reads brown, green and blue irises of other characters back as brown, green and light', async () => {
    const engine = engineV2()
    const analyzer = await FaceAnalyzer.createFromOptions({
      models: await nodeModelSource(),
      maxFaces: 1,
    })
    const at = rigCodec(2).ids.indexOf('eyes.iris_color')
    try {
      // Twelve characters the table was not made from. Measured (session 26): brown 0.1 reads 0-0.14 (seed 36,
      // very dark skin, found no iris colour until session 46's dark-skin rule in irisColour; seed 38 too once
      // the softer brows moved FaceMesh's eye points), green 0.5 0.46-0.52, blue 0.9 0.79-0.92, except seed 32
      // (a dark-skinned man, eyes open), whose green reads 0.14 and blue 0.64: a reader limit (the disc's colour
      // comes out brown-grey, 59 53 45). It read green only while a goatee happened to shift FaceMesh's eye points
      // (before session 26's facial-hair shapes). One miss per iris value is allowed; a reader that drifts fails.
      const seeds = Array.from({ length: 12 }, (_, i) => 31 + i)
      for (const [iris, lo, hi] of [
        [0.1, 0, 0.25],
        [0.5, 0.3, 0.6],
        [0.9, 0.6, 1],
      ] as const) {
        const misses: string[] = []
        for (const seed of seeds) {
          const p = engine.random(seed)
          const x = Float64Array.from(p.x)
          x[at] = iris
          const { image } = engine.render({ x, styles: p.styles }, IRIS_GRID.size)
          const face = (await analyzer.detect(image)).faces[0]!
          const colour = irisColour(analyzer.alignedCrop(image, face, IRIS_FRAME_SIZE), analyzer.partLabels(image, face, IRIS_FRAME_SIZE), face.mesh, face.alignToImage, skinOf(analyzer, image, face)) // prettier-ignore
          const read = colour ? matchIris(colour).iris : NaN
          if (!(read >= lo && read <= hi)) misses.push(`seed ${seed}: ${read}`)
        }
        expect(misses.length, `iris ${iris} misread: ${misses.join(', ')}`).toBeLessThanOrEqual(1)
      }
    } finally {
      await analyzer.close()
    }
  }, 120_000)
})

/**
 * @module cli/eval/iris-table — the engine's rendered iris colour over rig v2's iris palette, measured as
 * CharacterCreator measures a photo's (create/iris.ts `irisColour` in the face's aligned crop) and written as
 * shared/src/create/iris-table.json, the table the creator matches a photo's iris against. Regenerate after a look
 * change: `npx tsx cli/scripts/iris-table.ts` (a test fails while the table is stale).
 */
import { FaceAnalyzer, partColors, type Face } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import {
  COLOR_FRAME_SIZE,
  IRIS_FRAME_SIZE,
  irisColour,
  rigCodec,
  type IrisTable,
} from '@facecraft/shared/create'
import { nodeModelSource } from '../commands/detect.ts'
import { engineV2 } from './engines.ts'
import { meanRenderedLab } from './skin-table.ts'

/** Palette values and sampling of the table (rig v2). */
export const IRIS_GRID = Object.freeze({
  iris: Array.from({ length: 13 }, (_, i) => i / 12),
  /** The rig's default character and plausible random ones (seeds 1..n-1): eye shape, lids and lashes vary. */
  characters: 6,
  /** Render size: the photos the creator reads are at least this large around the face. */
  size: 256,
})

const IRIS_AT = rigCodec(2).ids.indexOf('eyes.iris_color')

/** The face's skin colour as CharacterCreator measures it (the part colours' aligned crop), which the iris reading
 * uses to tell lid skin from iris. */
export function skinOf(analyzer: FaceAnalyzer, image: RgbaImage, face: Face): [number, number, number] | null {
  return partColors(analyzer.alignedCrop(image, face, COLOR_FRAME_SIZE), analyzer.partLabels(image, face, COLOR_FRAME_SIZE)).skin
} // prettier-ignore

/** Measures the table; `only` limits it to some palette indices (the staleness test checks a few). */
export async function measureIrisTable(only?: number[]): Promise<IrisTable> {
  const engine = engineV2()
  const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource(), maxFaces: 1 })
  const people = [engine.mean(), ...Array.from({ length: IRIS_GRID.characters - 1 }, (_, i) => engine.random(i + 1))]
  const lab: ([number, number, number] | null)[] = []
  try {
    for (const [i, iris] of IRIS_GRID.iris.entries()) {
      if (only && !only.includes(i)) {
        lab.push(null)
        continue
      }
      const v = await meanRenderedLab(analyzer, engine, people, IRIS_GRID.size, (x) => (x[IRIS_AT] = iris), (image, face) =>
        irisColour(analyzer.alignedCrop(image, face, IRIS_FRAME_SIZE), analyzer.partLabels(image, face, IRIS_FRAME_SIZE), face.mesh, face.alignToImage, skinOf(analyzer, image, face)))
      if (!v) throw new Error(`no eyes found on any render with iris ${iris}`)
      lab.push(v)
    }
  } finally {
    await analyzer.close()
  }
  return { rigVersion: 2, iris: [...IRIS_GRID.iris], lab: lab as [number, number, number][] }
} // prettier-ignore

/**
 * @module cli/eval/lips-table — the engine's rendered lips-minus-skin contrast for every lipstick over the skin-tone
 * range, measured as CharacterCreator measures a photo's (create/lips.ts `lipColour` in the face's aligned crop,
 * minus the skin colour of the part colours' crop) and written as shared/src/create/lips-table.json, the table the
 * creator matches a photo's lips against. Regenerate after a look change: `npx tsx cli/scripts/lips-table.ts` (a test
 * fails while the table is stale).
 */
import { FaceAnalyzer } from '@facecraft/shared/face'
import {
  IRIS_FRAME_SIZE,
  lipColour,
  lipContrast,
  rigCodec,
  type LipsTable,
} from '@facecraft/shared/create'
import { STYLES_V2 } from '@facecraft/shared/rig-v2'
import type { SkinDetail } from '@facecraft/shared/rig'
import { weightCount } from '@facecraft/shared/detail'
import { nodeModelSource } from '../commands/detect.ts'
import { skinDetailBasis } from '../engine-v2.ts'
import { engineV2 } from './engines.ts'
import { skinOf } from './iris-table.ts'
import { meanRendered } from './skin-table.ts'

/** Skin tones and sampling of the table (rig v2). */
export const LIPS_GRID = Object.freeze({
  tone: [0, 0.25, 0.5, 0.75, 1],
  /** The rig's default character and plausible random ones (seeds 1..n-1), each made a woman without facial hair
   * and given the skin-detail basis's mean (every weight 0): lip shape, tint and shading vary, so the table holds
   * their mean. Why the detail: a created character carries its photo's, whose mean draws the lip line darker
   * (the ring's lightness against the skin 4-5 lower than without detail on London women's characters); a
   * table of bare renders put lipstick on most of London's bare-lipped women. */
  characters: 6,
  size: 512,
})

const rig = rigCodec(2)
const AT = { tone: rig.ids.indexOf('skin.tone'), gender: rig.ids.indexOf('who.gender') }
const GROUP = {
  lipstick: rig.styleIds.indexOf('makeup.lipstick'),
  facial: rig.styleIds.indexOf('hair.facial'),
}
/** The skin-detail basis's mean as a character's detail (every weight 0): what the table's characters carry. */
export function meanDetail(): SkinDetail {
  const basis = skinDetailBasis()
  return { basis: basis.version, weights: new Array<number>(weightCount(basis)).fill(0) }
}

const OPTIONS = STYLES_V2.find((s) => s.id === 'makeup.lipstick')!.options.map((o) => o.id)

/** Measures the table; `only` limits it to some (option, tone) cells (the staleness test checks a few). */
export async function measureLipsTable(only?: [number, number][]): Promise<LipsTable> {
  const engine = engineV2()
  const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource(), maxFaces: 1 })
  const detail = meanDetail()
  const people = [engine.mean(), ...Array.from({ length: LIPS_GRID.characters - 1 }, (_, i) => engine.random(i + 1))]
    .map((p) => ({ ...p, detail }))
  const contrast: ([number, number, number] | null)[][] = []
  try {
    for (const [oi, option] of OPTIONS.entries()) {
      contrast.push([])
      for (const [ti, tone] of LIPS_GRID.tone.entries()) {
        if (only && !only.some(([a, b]) => a === oi && b === ti)) {
          contrast[oi]!.push(null)
          continue
        }
        const v = await meanRendered(analyzer, engine, people, LIPS_GRID.size, (x, styles) => {
          x[AT.tone] = tone
          x[AT.gender] = 0.1
          styles[GROUP.lipstick] = oi
          styles[GROUP.facial] = 0
        }, (image, face) => {
          const lips = lipColour(analyzer.alignedCrop(image, face, IRIS_FRAME_SIZE), face.mesh, face.alignToImage)
          const skin = skinOf(analyzer, image, face)
          return lips && skin && lipContrast(lips, skin)
        })
        if (!v) throw new Error(`no lips found on any render with lipstick ${option}, skin tone ${tone}`)
        contrast[oi]!.push(v)
      }
    }
  } finally {
    await analyzer.close()
  }
  return { rigVersion: 2, tone: [...LIPS_GRID.tone], options: OPTIONS, contrast: contrast as [number, number, number][][] }
} // prettier-ignore

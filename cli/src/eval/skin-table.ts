/**
 * @module cli/eval/skin-table — the engine's rendered skin colour over a grid of skin tone x undertone, measured the
 * way `eval likeness` measures a render (FaceMesh part labels, median skin colour) and written as
 * shared/src/create/skin-table.json, the table CharacterCreator matches a photo's skin colour against
 * (create/skin.ts). The creator never imports the engine: this table is what it knows of the engine's colours.
 * Regenerate after a look change: `npx tsx cli/scripts/skin-table.ts` (a test fails while the table is stale).
 */
import { FaceAnalyzer, type Face } from '@facecraft/shared/face'
import { srgbToLab, type RgbaImage } from '@facecraft/shared/image'
import { rigCodec, type SkinTable } from '@facecraft/shared/create'
import { nodeModelSource } from '../commands/detect.ts'
import { engineV2, type EngineParams, type EvalEngine } from './engines.ts'

/** Grid and sampling of the table (rig v2). */
export const SKIN_GRID = Object.freeze({
  tone: Array.from({ length: 11 }, (_, i) => i / 10),
  undertone: [0, 0.25, 0.5, 0.75, 1],
  /** The rig's default character and plausible random ones (seeds 1..n-1): skin colour varies a little with shape,
   * age and sex (shading, age darkening), so the table holds their mean. */
  characters: 6,
  size: 256,
})

/** Where rig v2's vector holds the colours the table varies (and freckles, held at 0). */
const AT = (() => {
  const ids = rigCodec(2).ids
  return {
    tone: ids.indexOf('skin.tone'),
    undertone: ids.indexOf('skin.undertone'),
    freckles: ids.indexOf('skin.freckles'),
  }
})()

/**
 * Mean CIELAB over `people` of a colour `read` from each one's render (`size` px, studio backdrop) after `edit` sets
 * the parameters under test in its vector (null when `read` found nothing on any render). Shared by the colour
 * tables the creator matches photos against (this skin table, iris-table.ts).
 */
export async function meanRenderedLab(
  analyzer: FaceAnalyzer,
  engine: EvalEngine,
  people: EngineParams[],
  size: number,
  edit: (x: Float64Array) => void,
  read: (image: RgbaImage, face: Face) => [number, number, number] | null
): Promise<[number, number, number] | null> {
  return meanRendered(analyzer, engine, people, size, edit, (image, face) => {
    const srgb = read(image, face)
    return srgb && srgbToLab(srgb)
  })
}

/**
 * Mean over `people` of a `measure` of each one's render (`size` px, studio backdrop; with the person's skin detail,
 * if any) after `edit` sets the parameters under test in its vector and style indices, rounded to 0.01 (null when
 * `measure` found nothing on any render). The lips table measures a contrast (lips minus skin) this way.
 */
export async function meanRendered(
  analyzer: FaceAnalyzer,
  engine: EvalEngine,
  people: EngineParams[],
  size: number,
  edit: (x: Float64Array, styles: Int32Array) => void,
  measure: (image: RgbaImage, face: Face) => number[] | null
): Promise<[number, number, number] | null> {
  const sum = [0, 0, 0]
  let n = 0
  for (const p of people) {
    const x = Float64Array.from(p.x)
    const styles = Int32Array.from(p.styles)
    edit(x, styles)
    const { image } = engine.render({ x, styles, ...(p.detail && { detail: p.detail }) }, size)
    const face = (await analyzer.detect(image)).faces[0]
    const v = face && measure(image, face)
    if (!v) continue
    v.forEach((u, c) => (sum[c] = sum[c]! + u))
    n++
  }
  return n ? (sum.map((s) => Math.round((s / n) * 100) / 100) as [number, number, number]) : null
}

/** Measures the table; `only` limits it to some (tone, undertone) cells (the staleness test checks a few). */
export async function measureSkinTable(only?: [number, number][]): Promise<SkinTable> {
  const engine = engineV2()
  const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource(), maxFaces: 1 })
  const people = [engine.mean(), ...Array.from({ length: SKIN_GRID.characters - 1 }, (_, i) => engine.random(i + 1))]
  const lab: ([number, number, number] | null)[][] = []
  try {
    for (const [ti, tone] of SKIN_GRID.tone.entries()) {
      lab.push([])
      for (const [ui, undertone] of SKIN_GRID.undertone.entries()) {
        if (only && !only.some(([a, b]) => a === ti && b === ui)) {
          lab[ti]!.push(null)
          continue
        }
        const v = await meanRenderedLab(analyzer, engine, people, SKIN_GRID.size, (x) => {
          x[AT.tone] = tone
          x[AT.undertone] = undertone
          x[AT.freckles] = 0
        }, (image, face) => analyzer.partColors(image, face).skin)
        if (!v) throw new Error(`no face found on any render with skin tone ${tone}, undertone ${undertone}`)
        lab[ti]!.push(v)
      }
    }
  } finally {
    await analyzer.close()
  }
  return { rigVersion: 2, tone: [...SKIN_GRID.tone], undertone: [...SKIN_GRID.undertone], lab: lab as [number, number, number][][] }
} // prettier-ignore

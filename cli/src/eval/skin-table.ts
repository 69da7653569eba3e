/**
 * @module cli/eval/skin-table — the engine's rendered skin colour over a grid of skin tone x undertone, for women
 * and for men, measured the way `eval likeness` measures a render (FaceMesh part labels, median skin colour) and
 * written as shared/src/create/skin-table.json, the table CharacterCreator matches a photo's skin colour against
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
  /** Plausible random women and men measured (the first this many of each among seeds 1, 2, ...): a man's skin
   * renders darker than a woman's at the same tone (beard shadow, heavier creases; 3 L* at tone 0.2), so each sex
   * has its own grid. Each cell is the median over them: one character's glasses or fringe can darken its skin
   * read by 30 L*, which a mean passes on. */
  characters: 6,
  size: 256,
})

/** Where rig v2's vector holds the colours the table varies (and freckles, held at 0), and the sex it splits by. */
const AT = (() => {
  const ids = rigCodec(2).ids
  return {
    tone: ids.indexOf('skin.tone'),
    undertone: ids.indexOf('skin.undertone'),
    freckles: ids.indexOf('skin.freckles'),
    gender: ids.indexOf('who.gender'),
  }
})()

/**
 * Mean CIELAB over `people` of a colour `read` from each one's render (`size` px, studio backdrop) after `edit` sets
 * the parameters under test in its vector (null when `read` found nothing on any render). The iris table
 * (iris-table.ts) is measured this way.
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
  const measures = await renderedMeasures(analyzer, engine, people, size, edit, measure)
  const sum = [0, 0, 0]
  for (const v of measures) v.forEach((u, c) => (sum[c] = sum[c]! + u))
  const n = measures.length
  return n ? (sum.map((s) => Math.round((s / n) * 100) / 100) as [number, number, number]) : null
}

/**
 * A `measure` of each of `people`'s renders (`size` px, studio backdrop; with the person's skin detail, if any)
 * after `edit` sets the parameters under test in its vector and style indices; renders where it found nothing are
 * left out.
 */
async function renderedMeasures(
  analyzer: FaceAnalyzer,
  engine: EvalEngine,
  people: EngineParams[],
  size: number,
  edit: (x: Float64Array, styles: Int32Array) => void,
  measure: (image: RgbaImage, face: Face) => number[] | null
): Promise<number[][]> {
  const out: number[][] = []
  for (const p of people) {
    const x = Float64Array.from(p.x)
    const styles = Int32Array.from(p.styles)
    edit(x, styles)
    const { image } = engine.render({ x, styles, ...(p.detail && { detail: p.detail }) }, size)
    const face = (await analyzer.detect(image)).faces[0]
    const v = face && measure(image, face)
    if (v) out.push(v)
  }
  return out
}

/** Per-channel median of `labs` (the mean of the middle two for an even count). */
function medianLab(labs: readonly (readonly number[])[]): [number, number, number] {
  return [0, 1, 2].map((c) => {
    const v = labs.map((l) => l[c]!).sort((a, b) => a - b)
    const m = v.length >> 1
    return Math.round((v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2) * 100) / 100
  }) as [number, number, number]
}

/** The table's women and men: the first SKIN_GRID.characters of each sex among the plausible random people. */
function skinTablePeople(engine: EvalEngine): [female: EngineParams[], male: EngineParams[]] {
  const out: [EngineParams[], EngineParams[]] = [[], []]
  for (let seed = 1; out.some((p) => p.length < SKIN_GRID.characters); seed++) {
    const p = engine.random(seed)
    const side = out[p.x[AT.gender]! < 0.5 ? 0 : 1]
    if (side.length < SKIN_GRID.characters) side.push(p)
  }
  return out
}

/** Measures the table; `only` limits it to some (tone, undertone) cells (the staleness test checks a few). */
export async function measureSkinTable(only?: [number, number][]): Promise<SkinTable> {
  const engine = engineV2()
  const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource(), maxFaces: 1 })
  const sexes = skinTablePeople(engine)
  const lab: ([number, number, number] | null)[][][] = [[], []]
  try {
    for (const [s, people] of sexes.entries())
      for (const [ti, tone] of SKIN_GRID.tone.entries()) {
        lab[s]!.push([])
        for (const [ui, undertone] of SKIN_GRID.undertone.entries()) {
          if (only && !only.some(([a, b]) => a === ti && b === ui)) {
            lab[s]![ti]!.push(null)
            continue
          }
          const labs = await renderedMeasures(analyzer, engine, people, SKIN_GRID.size, (x) => {
            x[AT.tone] = tone
            x[AT.undertone] = undertone
            x[AT.freckles] = 0
          }, (image, face) => {
            const srgb = analyzer.partColors(image, face).skin
            return srgb && srgbToLab(srgb)
          })
          if (!labs.length) throw new Error(`no face found on any render with skin tone ${tone}, undertone ${undertone}`)
          lab[s]![ti]!.push(medianLab(labs))
        }
      }
  } finally {
    await analyzer.close()
  }
  const meanGender = (people: EngineParams[]) => Math.round((people.reduce((a, p) => a + p.x[AT.gender]!, 0) / people.length) * 1000) / 1000
  return {
    rigVersion: 2,
    tone: [...SKIN_GRID.tone],
    undertone: [...SKIN_GRID.undertone],
    gender: [meanGender(sexes[0]), meanGender(sexes[1])],
    lab: lab as SkinTable['lab'],
  }
} // prettier-ignore

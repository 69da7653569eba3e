/**
 * @module london-study — what the London diagnostics (region-swap.ts, eye-shape.ts, face-shape.ts) set up alike: the model
 * files, one face analyzer, engine v2, the creation method they study and a seeded subset of London people (all
 * of them, in their order, when `people` covers the set).
 */
import { FaceAnalyzer } from '@facecraft/shared/face'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { refineMethod, translatorMethod } from '../src/eval/likeness-translator.ts'
import { londonPeople, seededSubset } from '../src/eval/london.ts'

/** Opens a study of `people` London people (a number, as the flag gives it) made by `method` (translator|refined). */
export async function openLondonStudy(options: { people: string; method: string }) {
  const models = await nodeModelSource()
  const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
  const engine = engineV2()
  const method =
    options.method === 'refined' ? refineMethod('refined', '', 'translator') : translatorMethod
  const all = londonPeople()
  const n = Math.min(all.length, Number(options.people))
  const people = n >= all.length ? all : seededSubset(all, n, 1)
  return { models, analyzer, engine, method, people }
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length

/**
 * Prints a Markdown table comparing shape ratios of photos and renders over people (eye-shape.ts, face-shape.ts):
 * each ratio's photo and render means, render / photo, their correlation over people and how many renders come
 * out smaller.
 */
export function printRatioTable(
  title: string,
  rows: readonly { photo: Record<string, number>; render: Record<string, number> }[],
  keys: readonly string[]
): void {
  console.log(title)
  console.log('| ratio | photo | render | render / photo | correlation | render smaller |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const k of keys) {
    const ph = rows.map((r) => r.photo[k]!)
    const re = rows.map((r) => r.render[k]!)
    const [mp, mr] = [mean(ph), mean(re)]
    const cov = mean(ph.map((x, i) => (x - mp) * (re[i]! - mr)))
    const sp = Math.sqrt(mean(ph.map((x) => (x - mp) ** 2)))
    const sr = Math.sqrt(mean(re.map((x) => (x - mr) ** 2)))
    const smaller = rows.filter((r) => r.render[k]! < r.photo[k]!).length
    console.log(
      `| ${k} | ${mp.toFixed(4)} | ${mr.toFixed(4)} | ${(mr / mp).toFixed(3)} | ${(cov / sp / sr).toFixed(3)} | ${smaller} of ${rows.length} |`
    )
  }
}

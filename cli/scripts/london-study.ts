/**
 * @module london-study — what the London diagnostics (region-swap.ts, eye-shape.ts) set up alike: the model
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

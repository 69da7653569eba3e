/**
 * @module cli/eval/recognizers — `facecraft eval recognizers`: how well each recogniser, as this pipeline feeds
 * it, finds a London person's SMILING photo from their NEUTRAL photo among all smiling photos (chance 1/102).
 * The upper bound for any likeness figure measured through these recognisers. Keys per recogniser
 * (`mobileface_`, `faceres_`, `dlib_`): `top1`, `top5`, `own_cos`, `others_cos`, `gap`
 * (mean of own minus the best stranger's cosine: London retrieval saturates, so this shows separation); `dlib_window_*` is dlib on the
 * canonical-frame window MobileFace and FaceRes use (how dlib was fed before it got its own 5-point chip);
 * `faceres_gender_acc`, `faceres_age_mae` check FaceRes's attribute heads against the set's self-reported labels.
 */
import { composeAffine, embedWindow, FaceAnalyzer, type EmbedderId } from '@facecraft/shared/face'
import { nodeModelSource } from '../commands/detect.ts'
import { progress } from '../command.ts'
import type { Suite } from '../suite.ts'
import { londonPeople, seededSubset } from './london.ts'
import { analysePhoto, embedAll } from './photos.ts'
import { retrieval, round4 } from './retrieval.ts'

const RECOGNISERS: readonly [string, EmbedderId][] = [
  ['mobileface', 'face-embedder'],
  ['faceres', 'face-embedder-eval'],
  ['dlib', 'face-embedder-dlib'],
]

export const recognizersEval: Suite = {
  name: 'recognizers',
  summary:
    'London neutral -> smiling retrieval per recogniser (mobileface_/faceres_/dlib_ top1, top5, own_cos, others_cos)',
  async run({ quick }) {
    const all = londonPeople()
    const people = quick ? seededSubset(all, 30, 1) : all
    const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource() })
    const ids = RECOGNISERS.map(([, id]) => id)
    const neutral: Record<string, Float32Array>[] = []
    const smiling: Record<string, Float32Array>[] = []
    let genderRight = 0
    let ageError = 0
    let aged = 0
    const start = performance.now()
    try {
      for (const [i, p] of people.entries()) {
        progress(`eval recognizers ${i + 1}/${people.length}`)
        for (const [file, into] of [
          [p.neutral, neutral],
          [p.smiling, smiling],
        ] as const) {
          const photo = await analysePhoto(analyzer, file)
          const e = await embedAll(analyzer, photo, ids)
          e['dlib-window'] = await analyzer.embedWindow(
            photo.image,
            composeAffine(photo.face.alignToImage, embedWindow()),
            'face-embedder-dlib'
          )
          into.push(e)
          if (file === p.neutral) {
            const a = await analyzer.attributes(photo.image, photo.face)
            if (a.female >= 0.5 === (p.gender === 'female')) genderRight++
            if (Number.isFinite(p.age) && p.age > 0) {
              ageError += Math.abs(a.age - p.age)
              aged++
            }
          }
        }
      }
    } finally {
      progress('')
      await analyzer.close()
    }
    const out: Record<string, unknown> = { n: people.length }
    for (const [key, id] of [...RECOGNISERS, ['dlib_window', 'dlib-window'] as const]) {
      const r = retrieval(
        neutral.map((e) => e[id]!),
        smiling.map((e) => e[id]!)
      )
      out[`${key}_top1`] = round4(r.top1)
      out[`${key}_top5`] = round4(r.top5)
      out[`${key}_own_cos`] = round4(r.own_cos)
      out[`${key}_others_cos`] = round4(r.others_cos)
      out[`${key}_gap`] = round4(r.gap)
    }
    out.faceres_gender_acc = round4(genderRight / people.length)
    out.faceres_age_mae = round4(aged ? ageError / aged : null)
    out.seconds = round4((performance.now() - start) / 1000)
    return out
  },
}

/**
 * @file How a face's colour follows its luminance detail in photos: the numbers behind engine/v2/look/skin.ts
 * DETAIL_CHROMA. For every 8th TRAIN photo of ../shared/faces (never London), each sRGB channel's band-pass of the
 * 224 px aligned crop is regressed on the luminance's band-pass over the skin and nose labels, for the fine band
 * (the crop minus its 3 px blur) and the mid band (3 px blur minus 8 px blur), as detail/read takes them. Printed
 * per band: the slopes (R, G, B sRGB units per unit of luminance; their luminance-weighted sum is 1), the mean skin
 * colour, and each slope over its channel's mean (a shade falling on the skin would make those three equal).
 * Usage (repository root): npx tsx cli/scripts/detail-chroma.ts [--every 8]
 */
import { parseArgs } from 'node:util'
import { FaceAnalyzer } from '@facecraft/shared/face'
import {
  DETAIL_LABELS,
  FINE_BAND,
  gaussianBlur,
  luminance,
  MID_BAND,
  READ_SIZE,
} from '@facecraft/shared/detail'
import { nodeModelSource } from '../src/commands/detect.ts'
import { facesDir } from '../src/eval/london.ts'
import { analysePhoto } from '../src/eval/photos.ts'
import { trainPhotos } from './detail-pca.ts'

const { values: args } = parseArgs({ options: { every: { type: 'string', default: '8' } } })
const N = READ_SIZE * READ_SIZE
const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const files = trainPhotos(facesDir()).filter((_, i) => i % Number(args.every) === 0)

/** The band between blurs at `lo` and `hi` px (lo 0: the image itself). */
const band = (x: Float32Array, [lo, hi]: readonly [number, number]) => {
  const a = lo > 0 ? gaussianBlur(x, READ_SIZE, lo) : x
  const b = gaussianBlur(x, READ_SIZE, hi)
  return a.map((v, i) => v - b[i]!)
}

const bands = { fine: FINE_BAND, mid: MID_BAND } as const
const sums = Object.fromEntries(
  Object.keys(bands).map((k) => [k, { yy: 0, cy: [0, 0, 0], c: [0, 0, 0], n: 0 }])
)
let photos = 0
for (const file of files) {
  const photo = await analysePhoto(analyzer, file).catch(() => null) // a photo without a face adds nothing
  if (!photo) continue
  photos++
  const crop = analyzer.alignedCrop(photo.image, photo.face, READ_SIZE).data
  const labels = analyzer.partLabels(photo.image, photo.face, READ_SIZE).labels
  const channels = [0, 1, 2].map((c) =>
    Float32Array.from({ length: N }, (_, i) => crop[i * 4 + c]!)
  )
  const y = luminance(crop) // what detail/read takes the bands of
  for (const [name, range] of Object.entries(bands)) {
    const s = sums[name]!
    const by = band(y, range)
    const bc = channels.map((c) => band(c, range))
    for (let i = 0; i < N; i++) {
      if (!DETAIL_LABELS.includes(labels[i]!)) continue
      s.yy += by[i]! ** 2
      for (let c = 0; c < 3; c++) {
        s.cy[c]! += bc[c]![i]! * by[i]!
        s.c[c]! += channels[c]![i]!
      }
      s.n++
    }
  }
}
await analyzer.close()
const f = (v: number[], d = 3) => v.map((x) => x.toFixed(d)).join(', ')
console.log(`${photos} train photos (every ${args.every}th), skin and nose pixels`)
for (const [name, s] of Object.entries(sums)) {
  const slope = s.cy.map((v) => v / s.yy)
  const mean = s.c.map((v) => v / s.n)
  console.log(
    `${name}: slopes R, G, B ${f(slope)}; mean skin ${f(mean, 1)}; slope / mean x 100 ${f(slope.map((v, c) => (100 * v) / mean[c]!))}`
  )
}

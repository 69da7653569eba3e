/**
 * @file Where the skin-detail read leaves occluders out (detail/read OCCLUSION): for each photo, the detail of its
 * aligned crop in the shape-free frame, the pixels taken as occluded, and what the basis draws from the read without
 * and with them left out. Prints each photo's occluded share; writes a figure of the photos with the most and the
 * fewest occluded pixels.
 *
 * Usage (repository root): npx tsx cli/scripts/detail-occlusion.ts [--photos DIR] [--basis FILE] [--rows 8]
 *   [--figure docs/detail-occlusion.png]
 * --photos: a folder of photos (default: London's neutral photos, ../shared/faces/london/neutral, CC BY).
 * Columns of the figure: aligned crop | detail read | occluded (red) | fit to every pixel | fit without the occluded.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeImage } from '@facecraft/shared/decode'
import {
  alignedPoints,
  decodeSkinDetail,
  detailImage,
  faceDetail,
  meanFor,
  occludedPixels,
  projectDetail,
  READ_SIZE,
} from '@facecraft/shared/detail'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { createImage, encodePng } from '@facecraft/shared/image'
import { releaseModels } from '../../models/dataset/models.ts'
import { skinDetailBasis } from '../src/engine-v2.ts'
import { facesDir } from '../src/eval/london.ts'

const { values: args } = parseArgs({
  options: {
    photos: { type: 'string', default: join(facesDir(), 'london', 'neutral') },
    basis: { type: 'string' },
    rows: { type: 'string', default: '8' },
    figure: { type: 'string' },
  },
})
const basis = args.basis
  ? decodeSkinDetail(new Uint8Array(readFileSync(args.basis)))
  : skinDetailBasis()
const S = basis.size
const n = basis.pixels.length
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await releaseModels(),
  maxFaces: 1,
})

interface Row {
  file: string
  crop: Uint8ClampedArray
  /** grid images: the read, the occluded mask (1/0), the plain fit, the fit without the occluded */
  planes: Float32Array[]
  share: number
}
const rows: Row[] = []
const files = readdirSync(args.photos!)
  .filter((f) => /\.(jpe?g|png)$/i.test(f))
  .sort()
for (const file of files) {
  const { image } = decodeImage(new Uint8Array(readFileSync(join(args.photos!, file))))
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) continue
  const crop = analyzer.alignedCrop(image, face, READ_SIZE).data
  const source = {
    crop,
    labels: analyzer.partLabels(image, face, READ_SIZE).labels,
    points: alignedPoints(face),
  }
  const read = faceDetail(source, S, basis.pixels)
  const male = 0.5
  const mean = meanFor(basis, male)
  const plain = detailImage(basis, projectDetail(basis, read, male, { occlusion: false }), male)
  const robust = detailImage(basis, projectDetail(basis, read, male), male)
  // the occluded pixels as the read's last pass saw them: against the fit without them
  const r = Float32Array.from(basis.pixels, (p, i) => read[p]! - mean[i]!)
  const fit = Float32Array.from(basis.pixels, (p, i) => robust[p]! - mean[i]!)
  const occluded = occludedPixels(basis, r, fit)
  const mask = new Float32Array(S * S)
  basis.pixels.forEach((p, i) => (mask[p] = occluded[i]!))
  const share = occluded.reduce((a, b) => a + b, 0) / n
  rows.push({ file, crop, planes: [read, mask, plain, robust], share })
  console.log(`${file}\t${share.toFixed(3)}`)
}
await analyzer.close()
const shares = rows.map((r) => r.share).sort((a, b) => a - b)
const at = (q: number) => shares[Math.min(shares.length - 1, Math.floor(q * shares.length))]!
console.log(
  `${rows.length} faces: occluded share median ${at(0.5).toFixed(3)}, p90 ${at(0.9).toFixed(3)}, max ${at(1).toFixed(3)}`
)

if (args.figure) {
  const k = Number(args.rows)
  rows.sort((a, b) => b.share - a.share)
  const pick = [...rows.slice(0, k - 2), ...rows.slice(-2)]
  const T = READ_SIZE
  const W = T * 5
  const img = createImage(W, T * pick.length)
  const put = (x: number, y: number, rgb: [number, number, number]) => {
    const o = (y * W + x) * 4
    img.data.set([...rgb, 255], o)
  }
  pick.forEach((row, j) => {
    for (let y = 0; y < T; y++)
      for (let x = 0; x < T; x++) {
        const s = (y * T + x) * 4
        put(x, j * T + y, [row.crop[s]!, row.crop[s + 1]!, row.crop[s + 2]!])
        // the detail grid covers the crop's square at half resolution
        const g = Math.floor((y * S) / T) * S + Math.floor((x * S) / T)
        const grey = (v: number): [number, number, number] => {
          const c = Math.max(0, Math.min(255, 128 + 6 * v))
          return [c, c, c]
        }
        const [read, mask, plain, robust] = row.planes as [
          Float32Array,
          Float32Array,
          Float32Array,
          Float32Array,
        ]
        put(T + x, j * T + y, grey(read[g]!))
        put(2 * T + x, j * T + y, mask[g] ? [230, 40, 40] : grey(read[g]!))
        put(3 * T + x, j * T + y, grey(plain[g]!))
        put(4 * T + x, j * T + y, grey(robust[g]!))
      }
  })
  writeFileSync(args.figure, encodePng(img))
  console.log(`wrote ${args.figure}`)
}

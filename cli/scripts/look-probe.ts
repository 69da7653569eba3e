/**
 * @file Look probe (issue #8, tuning aid, TRAIN photos only): renders COUNT plausible characters (seeds 1001 up,
 * not the eval's 1-300) at 256 px on white as `eval engine --engine 2` does, and reports FaceRes
 * render_cluster_cos, the gap to the Canada train photos (render-photo minus photo-photo mean FaceRes cosine) and
 * the gender read; and writes OUT-eyes.png: eye regions of Canada photos (top rows) and of renders (bottom rows),
 * each aligned to the same inter-ocular distance, at the scale of a 128 px and of a 256 px face, for judging by eye.
 * Usage: nice -n 10 npx tsx cli/scripts/look-probe.ts OUT_PREFIX
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { decodeImage } from '@facecraft/shared/decode'
import { encodePng } from '@facecraft/shared/image'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { createImage, type RgbaImage } from '../../shared/src/image/types.ts'
import { nodeModelSource } from '../src/commands/detect.ts'
import { meanPairs } from '../src/eval/engine2.ts'
import { engineV2, facesDir, lookShader } from '../src/engine-v2.ts'

const COUNT = Number(process.env.COUNT ?? 60)
const out = process.argv[2] ?? 'models/.work/look4/probe'
const engine = engineV2()
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})
const faces = facesDir()
if (!faces) throw new Error('look-probe needs ../shared/faces (set FACECRAFT_FACES)')
const canada = join(faces, 'canada')
const EW = 200
const EH = 70
const W = EW
const H = EH

/** A W x H bilinear crop with the eyes' centres at fixed places, `iod` px apart, from landmarks `lm`. */
function eyeCrop(
  img: RgbaImage,
  lm: ArrayLike<number>,
  iod: number,
  up: number,
  mouth = false,
  W = EW,
  H = EH,
  dy = 8
): RgbaImage {
  let lx = 0,
    ly = 0,
    rx = 0,
    ry = 0
  for (let i = 36; i < 42; i++) {
    lx += lm[i * 2]! / 6
    ly += lm[i * 2 + 1]! / 6
  }
  for (let i = 42; i < 48; i++) {
    rx += lm[i * 2]! / 6
    ry += lm[i * 2 + 1]! / 6
  }
  const d = Math.hypot(rx - lx, ry - ly)
  let cx = (lx + rx) / 2
  let cy = (ly + ry) / 2
  if (mouth) {
    cx = (lm[48 * 2]! + lm[54 * 2]!) / 2
    cy = (lm[51 * 2 + 1]! + lm[57 * 2 + 1]!) / 2 - (8 * d) / iod / up
  }
  // Down-sample first to `iod` px between the eyes (a box filter), then show it `up` times larger (nearest):
  // what the recogniser's input holds at that face size.
  const s = d / iod
  const o = createImage(W, H)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const px = Math.floor((x - W / 2) / up)
      const py = Math.floor((y - H / 2 + dy) / up)
      const acc: [number, number, number] = [0, 0, 0]
      let n = 0
      for (let sy = 0; sy < Math.max(1, Math.round(s)); sy++)
        for (let sx = 0; sx < Math.max(1, Math.round(s)); sx++) {
          const ix = Math.round(cx + px * s + sx)
          const iy = Math.round(cy + py * s + sy)
          if (ix < 0 || iy < 0 || ix >= img.width || iy >= img.height) continue
          const k = (iy * img.width + ix) * 4
          acc[0] += img.data[k]!
          acc[1] += img.data[k + 1]!
          acc[2] += img.data[k + 2]!
          n++
        }
      const q = (y * W + x) * 4
      o.data[q] = acc[0]! / Math.max(1, n)
      o.data[q + 1] = acc[1]! / Math.max(1, n)
      o.data[q + 2] = acc[2]! / Math.max(1, n)
      o.data[q + 3] = 255
    }
  return o
}

const pairs = (a: Float32Array[], b?: Float32Array[]) => meanPairs(a, b)!

const photos: Float32Array[] = []
const faceCrops: RgbaImage[] = []
const photoCrops: RgbaImage[][] = []
for (const f of readdirSync(canada)
  .filter((f) => f.endsWith('.jpg'))
  .sort()) {
  const { image } = decodeImage(new Uint8Array(readFileSync(join(canada, f))))
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) continue
  photos.push(await analyzer.embed(image, face, 'face-embedder-eval'))
  if (photoCrops.length < 8 && photos.length % 5 === 1) {
    faceCrops.push(eyeCrop(image, face.ibug68, 30, 2, false, 180, 230, -40))
    photoCrops.push([
      eyeCrop(image, face.ibug68, 25, 4),
      eyeCrop(image, face.ibug68, 50, 2),
      eyeCrop(image, face.ibug68, 50, 2, true),
    ])
  }
}
const fr: Float32Array[] = []
const renderCrops: RgbaImage[][] = []
const gender = { f: [0, 0], m: [0, 0] }
for (let i = 0; i < COUNT; i++) {
  const c = randomPlausibleCharacter(1001 + i)
  const image = engine.render(c, { size: 256, background: [255, 255, 255] }, lookShader)
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) continue
  fr.push(await analyzer.embed(image, face, 'face-embedder-eval'))
  const g = c.sliders['who.gender']!
  if (Math.abs(g - 0.5) >= 0.2) {
    const s = g < 0.5 ? gender.f : gender.m
    s[0]! += Number((await analyzer.attributes(image, face)).female >= 0.5 === g < 0.5)
    s[1]! += 1
  }
  if (i < 8) {
    const lm = engine.landmarks(c, { size: 256 }).ibug68
    faceCrops.push(eyeCrop(image, lm, 30, 2, false, 180, 230, -40))
    renderCrops.push([
      eyeCrop(image, lm, 25, 4),
      eyeCrop(image, lm, 50, 2),
      eyeCrop(image, lm, 50, 2, true),
    ])
  }
}
await analyzer.close()
const rows = [...photoCrops, ...renderCrops]
const sheet = createImage(W * 3 + 8, (H + 2) * rows.length + 6)
sheet.data.fill(255)
rows.forEach((pair, r) =>
  pair.forEach((t, k) => {
    const oy = r * (H + 2) + (r >= photoCrops.length ? 6 : 0)
    for (let y = 0; y < H; y++)
      sheet.data.set(
        t.data.subarray(y * W * 4, (y + 1) * W * 4),
        ((oy + y) * sheet.width + k * (W + 4)) * 4
      )
  })
)
writeFileSync(`${out}-eyes.png`, encodePng(sheet))
const facesSheet = createImage(184 * 8, 234 * 2)
facesSheet.data.fill(255)
faceCrops.slice(0, 16).forEach((t, i) => {
  const ox = (i % 8) * 184
  const oy = Math.floor(i / 8) * 234
  for (let y = 0; y < t.height; y++)
    facesSheet.data.set(
      t.data.subarray(y * t.width * 4, (y + 1) * t.width * 4),
      ((oy + y) * facesSheet.width + ox) * 4
    )
})
writeFileSync(`${out}-faces.png`, encodePng(facesSheet))
console.log(
  JSON.stringify({
    renders: fr.length,
    render_cluster_cos: +pairs(fr).toFixed(4),
    train_gap_cos: +(pairs(fr, photos) - pairs(photos)).toFixed(4),
    render_photo_cos: +pairs(fr, photos).toFixed(4),
    gender_female: +(gender.f[0]! / gender.f[1]!).toFixed(3),
    gender_male: +(gender.m[0]! / gender.m[1]!).toFixed(3),
  })
)

/**
 * @file Diagnostic of how FaceRes reads the sex of characters made from TRAIN photos (issues #10/#8: women's
 * characters read as men). For train photos (../shared/faces canada, then pixabay; never london), the character
 * CharacterCreator makes (as `facecraft create`), rendered as `eval likeness` renders it (512 px, studio backdrop,
 * look shader), and FaceRes's P(female) of the render next to its reading of the photo; then the same characters with
 * ONE change each (VARIANTS), split by the photo's reading (women = FaceRes reads the photo female). Photo labels are
 * not used. Characters are cached in models/.work/women-read/ (delete it after a translator or creator change).
 * The characters carry the photo's skin detail as the product's do (the released basis), unless --no-detail.
 * A variant `detail:all=*0.7` scales every detail weight; `detail:sex=20` moves the read along the basis's
 * men-minus-women direction by that many luminance units (the two means are ~185 apart) toward the character's own sex.
 * Usage: nice -n 10 npx tsx cli/scripts/women-read.ts [--n 120] [--list] [--variants 'styles:hair.style=long;...']
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CharacterCreator } from '@facecraft/shared/create'
import { FaceAnalyzer, type Face } from '@facecraft/shared/face'
import { encodePng, type RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { sexAxis, SKIN_DETAIL_LIMIT } from '@facecraft/shared/detail'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2, facesDir, lookShader, skinDetailBasis } from '../src/engine-v2.ts'
import { BACKGROUND } from '../src/eval/engines.ts'
import { analysePhoto, renderCrop } from '../src/eval/photos.ts'
import { imageGrid } from '../src/eval/report.ts'
import { labelImage } from '../src/commands/create-label.ts'

const CELL = 160

const args = process.argv.slice(2)
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1]! : fallback
}
const N = Number(opt('n', '120'))
const SIZE = 512 // eval likeness RENDER_SIZE
const faces = facesDir()
if (!faces) throw new Error('../shared/faces not found')
const cacheDir = new URL('../../models/.work/women-read/', import.meta.url).pathname
mkdirSync(cacheDir, { recursive: true })
const withDetail = !args.includes('--no-detail')
const cacheFile = join(cacheDir, `chars-${N}${withDetail ? '-detail' : ''}.json`)

interface Row {
  file: string
  photoFemale: number
  character: Character
  hair: unknown
  x?: number[]
  probabilities?: number[]
}
const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
let rows: Row[]
if (existsSync(cacheFile)) rows = JSON.parse(readFileSync(cacheFile, 'utf8')) as Row[]
else {
  const creator = await CharacterCreator.createFromOptions({
    models,
    analyzer,
    skinDetail: withDetail ? skinDetailBasis() : null,
  })
  const files = [
    ...readdirSync(join(faces, 'canada')).filter((f) => f.endsWith('.jpg')).map((f) => join(faces, 'canada', f)),
    ...readdirSync(join(faces, 'pixabay')).filter((f) => f.endsWith('.jpg')).sort().map((f) => join(faces, 'pixabay', f)),
  ].slice(0, N) // prettier-ignore
  rows = []
  for (const [i, file] of files.entries()) {
    process.stderr.write(`\rcreate ${i + 1}/${files.length}`)
    let photo
    try {
      photo = await analysePhoto(analyzer, file)
    } catch {
      continue
    }
    const photoFemale = (await analyzer.attributes(photo.image, photo.face)).female
    const made = await creator.createFromFace(photo.image, photo.face)
    rows.push({
      file,
      photoFemale,
      character: made.character,
      hair: made.hair?.length ?? null,
      x: Array.from(made.x),
      probabilities: Array.from(made.styleProbabilities),
    })
  }
  process.stderr.write('\n')
  writeFileSync(cacheFile, JSON.stringify(rows))
}
const engine = engineV2()
// a prototype look change (a module that edits the engine's assets before the first render), for trying ideas
if (opt('patch', '')) await import(new URL(opt('patch', ''), `file://${process.cwd()}/`).href)

async function readFemale(c: Character): Promise<number | null> {
  const image = engine.render(
    c,
    { size: SIZE, background: [...BACKGROUND] as [number, number, number] },
    lookShader
  )
  const face = (await analyzer.detect(image)).faces[0]
  return face ? (await analyzer.attributes(image, face)).female : null
}

type Change = (c: Character) => Character
const variants: [string, Change][] = [['as created', (c) => c]]
for (const arg of opt('variants', '').split(';').filter(Boolean)) {
  // kind:id=value (value for styles is an option id, else a number); several joined with '+'
  const parts = arg.split('+').map((p) => {
    const [lhs, value] = p.split('=') as [string, string]
    const [kind, id] = lhs.split(':') as ['sliders' | 'colors' | 'styles' | 'detail', string]
    return { kind, id, value }
  })
  variants.push([
    arg,
    (c) => {
      const out = structuredClone(c)
      for (const { kind, id, value } of parts) {
        if (kind === 'detail') {
          if (out.detail) out.detail.weights = detailChange(out, id, value)
        } else if (kind === 'styles') out.styles[id] = value
        else if (value.startsWith('*'))
          out[kind][id] = (out[kind][id] ?? 0.5) * Number(value.slice(1))
        else out[kind][id] = Number(value)
      }
      return out
    },
  ])
}
/** A detail variant's weights (see the file note). */
function detailChange(c: Character, id: string, value: string): number[] {
  const w = c.detail!.weights
  if (id === 'all') return w.map((v) => v * Number(value.slice(1)))
  // along the sex axis: luminance t moves by value toward the character's own sex (women: negative t)
  const { along, spread } = sexAxis(skinDetailBasis())
  let span = 0
  for (let k = 0; k < w.length; k++) span += along[k]! * along[k]!
  const toward = (c.sliders['who.gender']! >= 0.5 ? 1 : -1) * Number(value)
  const limit = SKIN_DETAIL_LIMIT
  return w.map((v, k) =>
    Math.max(-limit, Math.min(limit, v + (toward * along[k]!) / (span * spread[k]!)))
  )
}
if (opt('only', '')) rows = rows.filter((r) => r.file.includes(opt('only', '')))
const women = rows.filter((r) => r.photoFemale >= 0.5)
const men = rows.filter((r) => r.photoFemale < 0.5)
console.log(`${rows.length} train photos: FaceRes reads ${women.length} female, ${men.length} male`)
const list = args.includes('--list')
const sheet = opt('sheet', '')
for (const [name, change] of variants) {
  const stats = { w: [0, 0, 0], m: [0, 0, 0], ws: [0, 0, 0] } // read female, n, sum p
  const womenSlider = women.filter((r) => r.character.sliders['who.gender']! < 0.5)
  for (const [group, people] of [
    ['w', women],
    ['m', men],
    ['ws', womenSlider],
  ] as const) {
    for (const r of people) {
      const c = change(r.character)
      const f = await readFemale(c)
      if (f === null) continue
      stats[group][0]! += Number(f >= 0.5)
      stats[group][1]! += 1
      stats[group][2]! += f
      if (list && group !== 'ws' && name === 'as created')
        console.log(
          `${group} ${r.file.split('/').slice(-1)[0]!.padEnd(16)} photo ${r.photoFemale.toFixed(2)} render ${f.toFixed(2)}` +
            ` gender ${c.sliders['who.gender']!.toFixed(2)} hair ${c.styles['hair.style']} (${r.hair}) lashes ${c.styles['eyes.lashes']}` +
            ` brows ${c.styles['brows.style']} lipstick ${c.styles['makeup.lipstick']} lip_tint ${c.colors['mouth.lip_tint']?.toFixed(2)}` +
            ` age ${c.sliders['who.age']?.toFixed(2)}`
        )
    }
  }
  const fmt = (s: number[]) =>
    `${(s[0]! / s[1]!).toFixed(3)} (p ${(s[2]! / s[1]!).toFixed(3)}, n ${s[1]})`
  console.log(
    `${name.padEnd(40)} women read female ${fmt(stats.w)}   men read female ${fmt(stats.m)}   women with a woman's slider ${fmt(stats.ws)}`
  )
}
if (sheet) {
  // one row per person (--people a,b,c or the first 8 women): the photo, (--before CACHE: that cache's character,)
  // then each variant of the character; FaceRes's P(female) under every cell
  const want = opt('people', '').split(',').filter(Boolean)
  const shown = want.length
    ? want.map((w) => rows.find((r) => r.file.endsWith(w))!)
    : women.slice(0, 8)
  const before = opt('before', '')
    ? (JSON.parse(readFileSync(opt('before', ''), 'utf8')) as Row[])
    : null
  const cell = async (image: RgbaImage, face: Pick<Face, 'ibug68'> | null, crop: RgbaImage) => {
    const found = face ?? (await analyzer.detect(image)).faces[0]
    const f = found ? (await analyzer.attributes(image, found as Face)).female : null
    return vstack([crop, labelImage([f === null ? 'no face' : `female ${f.toFixed(2)}`], CELL, 2)])
  }
  const grid: RgbaImage[][] = []
  for (const r of shown) {
    const photo = await analysePhoto(analyzer, r.file)
    const row = [
      await cell(photo.image, photo.face, analyzer.alignedCrop(photo.image, photo.face, CELL)),
    ]
    const characters = [
      ...(before ? [before.find((b) => b.file === r.file)!.character] : []),
      ...variants.map(([, change]) => change(r.character)),
    ]
    for (const c of characters) {
      const image = engine.render(
        c,
        { size: SIZE, background: [...BACKGROUND] as [number, number, number] },
        lookShader
      )
      row.push(
        await cell(image, null, renderCrop(image, engine.landmarks(c, { size: SIZE }).ibug68, CELL))
      )
    }
    grid.push(row)
  }
  writeFileSync(sheet, encodePng(imageGrid(grid)))
}

/** Images stacked top to bottom (same width). */
function vstack(images: RgbaImage[]): RgbaImage {
  const width = images[0]!.width
  const data = new Uint8ClampedArray(width * images.reduce((s, i) => s + i.height, 0) * 4)
  let offset = 0
  for (const i of images) {
    data.set(i.data, offset)
    offset += i.data.length
  }
  return { width, height: data.length / 4 / width, data }
}
await analyzer.close()

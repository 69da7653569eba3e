/**
 * @file docs/detail-reliability.png: London people whose creating photo came as a small JPEG (0.3x the size, quality
 * 70, as `photo-variants.ts --variant low` makes it at 0.4x), and the characters made from it with its finest skin
 * detail (residual and octave) read whole, and at the share detail/reliability trusts; beside them the character
 * made from the full photo. Columns: the small photo (its aligned crop), read whole, at its reliability, from the
 * full photo. Under each character, the FaceRes cosine of its render to the person's smiling photo (under the
 * trusted one, the residual's and the octave's factors).
 * Usage (repository root): npx tsx cli/scripts/reliability-figure.ts OUT.png [PERSON...] (default four of a seeded
 * subset)
 */
import { writeFileSync } from 'node:fs'
import { encode as encodeJpeg } from 'jpeg-js'
import { CharacterCreator, detailStrength } from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import {
  alignedPoints,
  encodeOctave,
  encodeResidual,
  READ_SIZE,
  photoReliability,
  readDetailFocused,
} from '@facecraft/shared/detail'
import { cosine, FaceAnalyzer, type Face } from '@facecraft/shared/face'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'
import type { Character } from '@facecraft/shared/rig'
import { engineParams } from '../src/commands/create-render.ts'
import { nodeModelSource } from '../src/commands/detect.ts'
import { labelImage } from '../src/commands/create-label.ts'
import { skinDetailBasis } from '../src/engine-v2.ts'
import { engineV2 } from '../src/eval/engines.ts'
import { londonPeople, seededSubset } from '../src/eval/london.ts'
import { analysePhoto, embedAll, renderCrop } from '../src/eval/photos.ts'
import { imageGrid } from '../src/eval/report.ts'

const [out, ...names] = process.argv.slice(2)
if (!out) throw new Error('usage: npx tsx cli/scripts/reliability-figure.ts OUT.png [PERSON...]')
const CELL = 192
const SCALE = 0.3
const FACERES = 'face-embedder-eval'
const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const basis = skinDetailBasis()
const creator = await CharacterCreator.createFromOptions({ models, analyzer, skinDetail: basis })
const engine = engineV2()
const people = names.length
  ? londonPeople().filter((p) => names.includes(p.person))
  : seededSubset(londonPeople(), 4, 3)

/** `image` at `f` of its size (box filter), coded as a JPEG of quality 70 and decoded. */
function smallJpeg(image: RgbaImage, f: number): RgbaImage {
  const w = Math.round(image.width * f)
  const h = Math.round(image.height * f)
  const small = createImage(w, h)
  const span = (i: number) => [Math.floor(i / f), Math.max(Math.floor(i / f) + 1, Math.floor((i + 1) / f))] as const
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [x0, x1] = span(x)
      const [y0, y1] = span(y)
      for (let c = 0; c < 4; c++) {
        let s = 0
        for (let v = y0; v < y1; v++) for (let u = x0; u < x1; u++) s += image.data[(v * image.width + u) * 4 + c]!
        small.data[(y * w + x) * 4 + c] = Math.round(s / ((x1 - x0) * (y1 - y0)))
      }
    }
  return decodeImage(new Uint8Array(encodeJpeg({ ...small, data: Buffer.from(small.data) }, 70).data)).image
} // prettier-ignore

/** `character` with its residual and octave as read from `image`, whole (no reliability). */
function readWhole(character: Character, image: RgbaImage, face: Face): Character {
  const source = {
    crop: analyzer.alignedCrop(image, face, READ_SIZE).data,
    labels: analyzer.partLabels(image, face, READ_SIZE).labels,
    points: alignedPoints(face),
  }
  const read = readDetailFocused(basis, source, character.sliders['who.gender']!)
  const k = detailStrength(face.pose)
  return {
    ...character,
    detail: {
      ...character.detail!,
      residual: encodeResidual(read.residual.map((v) => v * k)),
      octave: encodeOctave(read.octave.map((v) => v * k)),
    },
  }
}

/** `image` (CELL px wide) with two lines of text under it. */
function captioned(image: RgbaImage, lines: [string, string]): RgbaImage {
  const label = labelImage(lines, CELL, 2)
  const out = createImage(CELL, image.height + label.height)
  out.data.set(image.data)
  out.data.set(label.data, image.data.length)
  return out
}

const rows: RgbaImage[][] = []
for (const p of people) {
  const smiling = (await embedAll(analyzer, await analysePhoto(analyzer, p.smiling), [FACERES]))[
    FACERES
  ]!
  const full = await analysePhoto(analyzer, p.neutral)
  const image = smallJpeg(full.image, SCALE)
  const face = (await analyzer.detect(image)).faces[0]
  if (!face) throw new Error(`${p.person}: no face in the ${SCALE}x copy`)
  const made = (await creator.createFromFace(image, face)).character
  const trust = photoReliability(image, face.alignToImage)
  const fromFull = (await creator.createFromFace(full.image, full.face)).character
  const cell = async (c: Character, note: string) => {
    const r = engine.render(engineParams(c), 512)
    const found = (await analyzer.detect(r.image)).faces[0] ?? null
    const e = (await embedAll(analyzer, { image: r.image, face: found ?? r }, [FACERES]))[FACERES]!
    return captioned(renderCrop(r.image, r.ibug68, CELL), [
      note,
      `faceres ${cosine(e, smiling).toFixed(3)}`,
    ])
  }
  const photo = analyzer.alignedCrop(image, face, CELL)
  rows.push([
    captioned(photo, [p.person, 'small photo']),
    await cell(readWhole(made, image, face), 'as read'),
    await cell(made, `trusted ${trust.residual.toFixed(2)} ${trust.octave.toFixed(2)}`),
    await cell(fromFull, 'full photo'),
  ])
  process.stderr.write(`${p.person} trust ${JSON.stringify(trust)}\n`)
}
writeFileSync(out, encodePng(imageGrid(rows)))
await creator.close()
await analyzer.close()

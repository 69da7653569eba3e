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
import { CharacterCreator, detailSource, detailStrength } from '@facecraft/shared/create'
import {
  encodeOctave,
  encodeResidual,
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
import { analysePhoto, boxShrunk, embedAll, jpegCoded, renderCrop } from '../src/eval/photos.ts'
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

/** `character` with its residual and octave as read from `image`, whole (no reliability). */
function readWhole(character: Character, image: RgbaImage, face: Face): Character {
  const source = detailSource(analyzer, image, face)
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
  const image = jpegCoded(boxShrunk(full.image, SCALE), 70)
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

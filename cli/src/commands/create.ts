/**
 * @module cli/commands/create — `facecraft create PHOTO [--refine] [--steps N] [--out char.json] [--png render.png]
 * [--compare side.png] [--focal MM] [--json]`: a character from a photo with CharacterCreator (translator, then optionally the
 * refine graph), rendered with the engine of the translator's rig (the CLI may import the engine; shared/create may not).
 */
import { readFile, writeFile } from 'node:fs/promises'
import {
  CharacterCreator,
  CreateError,
  FOCAL_RANGE_MM,
  lensFromExif,
  PERSPECTIVE_FIELD,
  type CreateResult,
} from '@facecraft/shared/create'
import { decodeImage } from '@facecraft/shared/decode'
import { encodePng } from '@facecraft/shared/image'
import { numberOption, parse } from '../args.ts'
import { UsageError, progress, type Command } from '../command.ts'
import { nodeModelSource } from './detect.ts'
import { skinDetailBasis } from '../engine-v2.ts'
import { comparePanels, labelledSheet, similarities } from './create-compare.ts'
import { renderFront } from './create-render.ts'

const USAGE = [
  'Usage: facecraft create PHOTO [--refine] [--steps N] [--focal MM] [--out char.json] [--png render.png] [--compare side.png] [--json]',
  '',
  '  PHOTO           a JPEG or PNG with one face, from the front',
  '  --refine        then refine the character with the refine graph (the imitator), when one is released for the rig',
  '  --steps N       refine steps at most (default 50; the loss may stop it earlier)',
  "  --focal MM      the camera's 35-mm-equivalent focal length (a phone's front camera: about 26), so a close-up is read as",
  "                  from a portrait's distance; default the photo's EXIF FocalLengthIn35mmFilm; 0 reads the photo as taken",
  '  --out FILE      write the character (saved-game JSON; open it with facecraft render --engine 2 --params FILE)',
  '  --png FILE      write a 512-px front render of the character',
  "  --compare FILE  write photo crop | character (| refined) side by side, the recognisers' similarities to the photo under each",
  '  --json          one JSON object: {file, rigVersion, confidence, warnings, character, ms, refine, similarities}',
].join('\n')

export const createCommand: Command = {
  name: 'create',
  summary: 'make a character from a photo (facecraft create PHOTO --out char.json --png render.png)',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        refine: { type: 'boolean' },
        steps: { type: 'string' },
        focal: { type: 'string' },
        out: { type: 'string' },
        png: { type: 'string' },
        compare: { type: 'string' },
        json: { type: 'boolean' },
      },
      true
    )
    const [file, ...extra] = positionals
    if (!file) throw new UsageError('name a photo.')
    if (extra.length) throw new UsageError(`one photo at a time, got '${positionals.join(' ')}'.`)
    const steps = values.steps === undefined ? 50 : Number(values.steps)
    if (!Number.isInteger(steps) || steps < 1 || steps > 1000)
      throw new UsageError(`--steps takes a whole number from 1 to 1000, got '${values.steps}'.`)
    const focal = values.focal === undefined ? null : numberOption(values.focal, 'focal', 0, 0, FOCAL_RANGE_MM[1])
    if (focal !== null && focal !== 0 && focal < FOCAL_RANGE_MM[0])
      throw new UsageError(`--focal takes a 35-mm-equivalent focal length from ${FOCAL_RANGE_MM[0]} to ${FOCAL_RANGE_MM[1]} mm (0: none), got '${values.focal}'.`)
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await readFile(file))
    } catch {
      throw new Error(`cannot read '${file}'; check the path.`)
    }
    const { image, focalLength35mm: exifFocal } = decodeImage(bytes)
    // the lens the photo was taken with: the flag's, else the photo's own EXIF; 0 or none: read the photo as taken
    const exifLens = lensFromExif(exifFocal)
    const lens = focal === 0 ? null : focal !== null ? { focalLength35mm: focal, from: 'flag' } : exifLens && { ...exifLens, from: 'EXIF' }
    const creator = await CharacterCreator.createFromOptions({
      models: await nodeModelSource(),
      skinDetail: skinDetailBasis(),
    })
    try {
      const start = performance.now()
      let created: CreateResult
      try {
        created = await creator.create(image, lens ?? undefined)
      } catch (e) {
        if (e instanceof CreateError) {
          console.error(`facecraft create: ${e.message} (${e.code})`)
          return 1
        }
        throw e
      }
      const ms = performance.now() - start
      let refined: { character: CreateResult['character']; losses: number[]; steps: number } | null = null
      let refineSkipped: string | null = null
      if (values.refine) {
        refineSkipped = creator.canRefine()
        if (refineSkipped) {
          refineSkipped = `${refineSkipped}. No refine graph is released for rig v${creator.rigVersion} yet (the v2 imitator is in training), so this is the translator's character, unrefined.`
          console.error(`facecraft create --refine: ${refineSkipped}`)
        } else {
          const targets = await creator.targets(image, created.face, lens ?? undefined)
          refined = await creator.refine(created.character, targets, {
            steps,
            onProgress: (p) => progress(`refine ${p.step}/${p.steps} loss ${p.loss.toFixed(4)}`),
          })
          progress('')
        }
      }
      const final = refined?.character ?? created.character
      if (values.out) await writeFile(values.out, JSON.stringify(final, null, 2) + '\n')
      if (values.png) await writeFile(values.png, encodePng(renderFront(final, 512)))
      let sims: Record<string, Record<string, number>> | null = null
      if (values.compare) {
        const characters = refined ? [created.character, refined.character] : [created.character]
        const panels = comparePanels(creator, image, created.face, characters, 256)
        sims = await similarities(creator, panels)
        await writeFile(values.compare, encodePng(labelledSheet(panels, sims)))
      }
      const summary = {
        file,
        rigVersion: creator.rigVersion,
        confidence: Number(created.confidence.toFixed(3)),
        warnings: created.warnings,
        read: readFromPhoto(created),
        camera: lens && created.cameraDistance !== null
          ? { focalLength35mm: lens.focalLength35mm, from: lens.from, distanceCm: Math.round(created.cameraDistance) }
          : null,
        ms: Math.round(ms),
        refine: values.refine
          ? refined
            ? { steps: refined.steps, lossBefore: refined.losses[0], lossAfter: Math.min(...refined.losses) }
            : { skipped: refineSkipped }
          : null,
        similarities: sims,
        character: final,
      }
      if (values.json) console.log(JSON.stringify(summary))
      else {
        console.log(`${file}: rig v${creator.rigVersion} character in ${summary.ms} ms, confidence ${summary.confidence}`)
        for (const w of created.warnings) console.log(`  warning (${w.code}): ${w.message}`)
        console.log(`  read from the photo: ${describeRead(summary.read)}`)
        if (summary.camera) console.log(`  camera about ${summary.camera.distanceCm} cm from the eyes (${summary.camera.focalLength35mm} mm lens, from the ${summary.camera.from})${created.cameraDistance! < PERSPECTIVE_FIELD.referenceCm ? ": the face read as from a portrait's distance" : ''}`)
        if (refined) console.log(`  refined: loss ${refined.losses[0]!.toFixed(4)} -> ${Math.min(...refined.losses).toFixed(4)} in ${refined.steps} steps`)
        if (sims) for (const [panel, s] of Object.entries(sims)) console.log(`  ${panel}: ${Object.entries(s).map(([k, v]) => `${k} ${v.toFixed(3)}`).join('  ')}`)
        for (const [flag, path] of [['out', values.out], ['png', values.png], ['compare', values.compare]] as const)
          if (path) console.log(`  --${flag} written to ${path}`)
      }
      return 0
    } finally {
      await creator.close()
    }
  },
} // prettier-ignore

/** What the creator read from the photo itself rather than took from the translator (null: not read). */
function readFromPhoto(c: CreateResult) {
  const round = (v: number) => Number(v.toFixed(2))
  return {
    hair: c.hair && {
      length: c.hair.length,
      // read beside one side of the jaw only (the photo cuts off the other): a man's character does not take it
      oneSide: c.hair.oneSide ?? false,
      bald: c.hair.bald,
      colour: c.hair.color,
      fringe: c.hair.forehead === null ? null : round(c.hair.forehead),
    },
    skin: c.skin && { tone: round(c.skin.tone), undertone: round(c.skin.undertone) },
    iris: c.iris && round(c.iris.iris),
    // the lipstick the photo's lips are nearest (create/lips.ts), and the character's (the read's, on a woman)
    lips: c.lips && {
      nearest: c.lips.nearest,
      lipstick: c.character.styles['makeup.lipstick'] ?? null,
    },
    facialHair: c.facialHair?.kind ?? null,
    // the P(female) that decided (the read's, with long hair's evidence), the read's own, and whether it overruled
    // the translator's gender slider (create/gender.ts)
    gender: c.gender && {
      female: round(c.gender.female),
      read: round(c.gender.read),
      longHair: c.gender.longHair,
      overruled: c.gender.overruled,
    },
  }
}

function describeRead(read: ReturnType<typeof readFromPhoto>): string {
  const hair = !read.hair
    ? 'hair not read'
    : read.hair.bald
      ? 'bald'
      : `hair ${read.hair.length ?? 'of unread length'}${read.hair.oneSide && read.hair.length ? ' (one side seen)' : ''}${read.hair.colour ? ` rgb(${read.hair.colour.join(', ')})` : ''}`
  const skin = read.skin
    ? `skin tone ${read.skin.tone} undertone ${read.skin.undertone}`
    : 'skin not read'
  const iris = read.iris === null ? 'iris not read' : `iris ${read.iris}`
  const gender = !read.gender
    ? 'sex not read'
    : `sex read ${read.gender.female >= 0.5 ? 'female' : 'male'} (P(female) ${read.gender.female}${read.gender.longHair ? ` with long hair, ${read.gender.read} without` : ''}${read.gender.overruled ? ', overruled the translator' : ''})`
  const lips = !read.lips
    ? 'lips not read'
    : `lips read ${read.lips.nearest === 'none' ? 'bare' : `nearest ${read.lips.nearest}`}, lipstick ${read.lips.lipstick ?? 'none'}`
  return [hair, skin, iris, lips, `facial hair ${read.facialHair ?? 'none seen'}`, gender].join(
    ', '
  )
}

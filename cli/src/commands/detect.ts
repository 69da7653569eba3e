/** @module cli/commands/detect — `facecraft detect PHOTO [--json] [--out overlay.png]`: faces, mesh and pose. */
import { readFile, writeFile } from 'node:fs/promises'
import { decodeImage } from '@facecraft/shared/decode'
import { drawBox, drawFace, FaceAnalyzer, type Face, type FaceResult } from '@facecraft/shared/face'
import { encodePng } from '@facecraft/shared/image'
import type { ModelSource } from '@facecraft/shared/ml'
import { parse } from '../args.ts'
import { UsageError, type Command } from '../command.ts'

/** models/release beside this checkout. */
export const RELEASE_DIR = new URL('../../../models/release/', import.meta.url)

/** The released models, read from disk (Node). */
export async function nodeModelSource(dir: URL = RELEASE_DIR): Promise<ModelSource> {
  let json: string
  try {
    json = await readFile(new URL('manifest.json', dir), 'utf8')
  } catch {
    throw new Error(
      `No model manifest at ${new URL('manifest.json', dir).pathname}; build the models first (see models/README).`
    )
  }
  return {
    manifest: JSON.parse(json),
    read: async (file) => new Uint8Array(await readFile(new URL(file, dir))),
  }
}

function round(v: number, digits = 2): number {
  return Number(v.toFixed(digits))
}

/** A face as JSON-friendly numbers (pixels rounded to 0.01, angles to 0.1 degree). */
function faceJson(face: Face) {
  return {
    box: Object.fromEntries(Object.entries(face.box).map(([k, v]) => [k, round(v)])),
    score: round(face.score, 3),
    meshScore: round(face.meshScore, 3),
    pose: Object.fromEntries(Object.entries(face.pose).map(([k, v]) => [k, round(v, 1)])),
    interOcular: round(face.interOcular),
    keypoints: Array.from(face.keypoints, (v) => round(v)),
    ibug68: Array.from(face.ibug68, (v) => round(v)),
  }
}

function report(file: string, r: FaceResult, ms: number): string {
  const lines = [
    `${file}: ${r.width}x${r.height}, ${r.detections} face(s) found in ${ms.toFixed(0)} ms`,
  ]
  r.faces.forEach((f, i) => {
    const { x, y, width, height } = f.box
    const p = f.pose
    lines.push(
      `  face ${i + 1}: box ${x.toFixed(0)},${y.toFixed(0)} ${width.toFixed(0)}x${height.toFixed(0)}  score ${f.score.toFixed(2)}  yaw ${p.yaw.toFixed(1)}°  pitch ${p.pitch.toFixed(1)}°  roll ${p.roll.toFixed(1)}°`
    )
  })
  for (const w of r.warnings) lines.push(`  warning (${w.code}): ${w.message}`)
  return lines.join('\n')
}

export const detectCommand: Command = {
  name: 'detect',
  summary: 'find faces in a photo: boxes, 468-point mesh, head pose (facecraft detect PHOTO)',
  usage: [
    'Usage: facecraft detect PHOTO [--json] [--out overlay.png] [--all]',
    '',
    '  PHOTO       a JPEG or PNG',
    '  --json      one JSON object: {file, width, height, detections, faces:[{box, score, pose, ibug68...}], warnings}',
    '  --out FILE  write the photo with boxes, mesh, 68 points and head axes drawn on it (PNG)',
    '  --all       mesh every face found, not only the largest',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { json: { type: 'boolean' }, out: { type: 'string' }, all: { type: 'boolean' } },
      true
    )
    const [file, ...extra] = positionals
    if (!file) throw new UsageError('name a photo.')
    if (extra.length) throw new UsageError(`one photo at a time, got '${positionals.join(' ')}'.`)
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await readFile(file))
    } catch {
      throw new Error(`cannot read '${file}'; check the path.`)
    }
    const { image } = decodeImage(bytes)
    const analyzer = await FaceAnalyzer.createFromOptions({
      models: await nodeModelSource(),
      maxFaces: values.all ? 32 : 1,
    })
    try {
      const start = performance.now()
      const result = await analyzer.detect(image)
      const ms = performance.now() - start
      if (values.out) {
        const overlay = { ...image, data: image.data.slice() }
        // Faces found but not meshed (beyond --all's limit or without --all) get an orange box.
        for (const d of result.allDetections.slice(result.faces.length)) drawBox(overlay, d)
        result.faces.forEach((f, i) => drawFace(overlay, f, i === 0))
        await writeFile(values.out, encodePng(overlay))
      }
      if (values.json) {
        const { faces, warnings, width, height, detections } = result
        console.log(
          JSON.stringify({ file, width, height, detections, faces: faces.map(faceJson), warnings })
        )
      } else {
        console.log(report(file, result, ms))
        if (values.out) console.log(`overlay written to ${values.out}`)
      }
      return result.faces.length ? 0 : 1
    } finally {
      await analyzer.close()
    }
  },
}

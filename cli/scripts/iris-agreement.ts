/**
 * @file How often the iris read (create/iris: irisColour, then matchIris) agrees with eye colours labelled by eye
 * (cli/src/eval/iris-labels.json: brown or light, Canada TRAIN photos and 13 London people whose read was a near
 * tie), beside the same read matched by plain CIE76 (lightness counted whole, as before session 48). A read under
 * IRIS_BROWN on the palette (dark brown 0 .. blue 1, green 0.5) is brown.
 * Session 48: Canada 32 -> 34 of 37, London 8 -> 11 of 13.
 * Usage (repository root): npx tsx cli/scripts/iris-agreement.ts
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { decodeImage } from '@facecraft/shared/decode'
import { FEATURE_OFFSETS, faceFeatures } from '@facecraft/shared/create'
import { irisColour, IRIS_FRAME_SIZE, matchIris } from '../../shared/src/create/iris.ts'
import LABELS from '../src/eval/iris-labels.json' with { type: 'json' }
import { nodeModelSource } from '../src/commands/detect.ts'
import { facesDir } from '../src/eval/london.ts'

const IRIS_BROWN = 0.35

const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({ models, maxFaces: 1 })
const sets = { canada: 'canada', london: join('london', 'neutral') } as const
for (const [set, dir] of Object.entries(sets) as [keyof typeof sets, string][]) {
  const labels = LABELS[set] as Record<string, string>
  let [now, before, n] = [0, 0, 0]
  const misses: string[] = []
  for (const [name, label] of Object.entries(labels)) {
    const { image } = decodeImage(
      new Uint8Array(readFileSync(join(facesDir(), dir, `${name}.jpg`)))
    )
    const face = (await analyzer.detect(image)).faces[0]
    if (!face) continue
    // the skin colour the creator gives the lid rule: the translator features' median skin colour
    const features = await faceFeatures(analyzer, image, face)
    const skin = Array.from(
      features.subarray(FEATURE_OFFSETS.colors, FEATURE_OFFSETS.colors + 3),
      (v) => v * 255
    ) as [number, number, number]
    const colour = irisColour(
      analyzer.alignedCrop(image, face, IRIS_FRAME_SIZE),
      analyzer.partLabels(image, face, IRIS_FRAME_SIZE),
      face.mesh,
      face.alignToImage,
      skin
    )
    if (!colour) continue
    n++
    const read = matchIris(colour).iris
    if ((read < IRIS_BROWN ? 'B' : 'L') === label) now++
    else misses.push(`${name} (${label}, read ${read.toFixed(2)})`)
    if ((matchIris(colour, undefined, 1).iris < IRIS_BROWN ? 'B' : 'L') === label) before++
  }
  console.log(
    `${set}: ${now} of ${n} agree (plain CIE76: ${before}); misses: ${misses.join(', ') || 'none'}`
  )
}
await analyzer.close()

/**
 * @file docs/hair-turn.png: an engine render turned 20 degrees (a long-haired plausible woman), the person
 * segmenter's crop with the bands beside the jaw and the neck where a frontal face has them (left, red) and where
 * create/hair-mask turnMap puts them for the turn (right, green). docs/likeness.md "Session 40".
 * Usage (repository root): npx tsx cli/scripts/hair-turn-figure.ts [OUT=docs/hair-turn.png]
 */
import { writeFileSync } from 'node:fs'
import {
  besideFace,
  DEFAULT_CREATOR_OPTIONS,
  MASK_BOXES,
  NO_TURN,
  PERSON_FRAME,
  personCropToImage,
  turnMap,
  type TurnMap,
} from '@facecraft/shared/create'
import { FaceAnalyzer } from '@facecraft/shared/face'
import { createImage, encodePng } from '@facecraft/shared/image'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2, lookShader } from '../src/engine-v2.ts'

const models = await nodeModelSource()
const analyzer = await FaceAnalyzer.createFromOptions({
  models,
  detectorGrids: DEFAULT_CREATOR_OPTIONS.detectorGrids,
})
const woman = randomPlausibleCharacter(9_100_004)
const render = engineV2().render(
  woman,
  { size: 512, yaw: -20, background: [200, 200, 200] },
  lookShader
)
const face = (await analyzer.detect(render)).faces[0]!
const S = PERSON_FRAME.size
const crop = analyzer.frameCrop(render, personCropToImage(face.alignToImage), S)
const GAP = 8
const figure = createImage(2 * S + GAP, S)
figure.data.fill(255)

/** The crop at column `left` of the figure, with the bands of `turn` outlined in `rgb`. */
function panel(turn: TurnMap, rgb: number[], left: number) {
  const bands = [...besideFace(MASK_BOXES.cheek, turn), ...besideFace(MASK_BOXES.low, turn)]
  const EDGE = 0.008 // unit frame: about 2 px
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const u = PERSON_FRAME.x0 + ((x + 0.5) / S) * PERSON_FRAME.side
      const v = PERSON_FRAME.y0 + ((y + 0.5) / S) * PERSON_FRAME.side
      const edge = bands.some(
        ([x0, x1, y0, y1]) =>
          u >= x0 && u < x1 && v >= y0 && v < y1 && Math.min(u - x0, x1 - u, v - y0, y1 - v) < EDGE
      )
      const from = (y * S + x) * 4
      const to = (y * figure.width + left + x) * 4
      figure.data.set(edge ? [...rgb, 255] : crop.data.subarray(from, from + 4), to)
    }
}
panel(NO_TURN, [220, 30, 30], 0)
panel(turnMap(face.mesh, face.alignToImage), [20, 170, 60], S + GAP)
writeFileSync(process.argv[2] ?? 'docs/hair-turn.png', encodePng(figure))
await analyzer.close()

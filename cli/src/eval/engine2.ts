/**
 * @module cli/eval/engine2 — `facecraft eval engine2`: engine v2 against the face models, with `eval engine`'s
 * keys (same protocol: random characters rendered front-on at 256 px on white, now from the plausible prior
 * with the look layer's shader) plus v2's:
 * - render_cluster_cos: mean FaceRes (face-embedder-eval) cosine between renders of DIFFERENT characters
 *   (real photos of different people give ~0.41; lower = more varied);
 * - photo_gap_cos: mean FaceRes cosine between renders and the neutral studio photos of
 *   ../shared/faces/london (102 people of every background; --quick: the first 40), minus the mean between
 *   different real photos (>= -0.03: renders sit as close to people as people do);
 *   null when the photo folder is absent;
 * - gender_read_agree: share of the random characters whose FaceRes gender (female when its female probability
 *   is >= 0.5) agrees with the character's gender macro (characters within GENDER_MARGIN of 0.5 are left out:
 *   androgynous on purpose); gender_read_female / gender_read_male: the same among women / men (a female
 *   render read as male is the common failure).
 * `eval engine` runs it by default (`--engine 2`); `eval engine2` stays as an alias.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeImage } from '@facecraft/shared/decode'
import { cosine, FaceAnalyzer, IBUG68_FROM_MESH } from '@facecraft/shared/face'
import type { Character } from '@facecraft/shared/rig'
import { FACE_SLIDERS_V2, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { createRng } from '@facecraft/shared/utils'
import { nodeModelSource } from '../commands/detect.ts'
import { progress } from '../command.ts'
import { engineV2, facesDir, lookShader } from '../engine-v2.ts'
import type { Suite } from '../suite.ts'

const SIZE = 256
/** Gender macros this close to 0.5 have no sex to agree with. */
const GENDER_MARGIN = 0.2
const BACKGROUND: [number, number, number] = [255, 255, 255]

function jitter(c: Character, step: number, seed: number): Character {
  const rng = createRng(seed)
  const sliders = { ...c.sliders }
  for (const s of FACE_SLIDERS_V2)
    sliders[s.id] = Math.min(1, Math.max(0, sliders[s.id]! + (rng() < 0.5 ? -step : step)))
  return { ...c, sliders }
}

/** Mean cosine over every pair within `a`, or over every pair of `a` x `b`; null when there is no pair. */
export function meanPairs(a: Float32Array[], b?: Float32Array[]): number | null {
  let sum = 0
  let n = 0
  if (b) {
    for (const x of a)
      for (const y of b) {
        sum += cosine(x, y)
        n++
      }
  } else {
    for (let i = 0; i < a.length; i++)
      for (let j = i + 1; j < a.length; j++) {
        sum += cosine(a[i]!, a[j]!)
        n++
      }
  }
  return n ? sum / n : null
}

export const engine2Eval: Suite = {
  name: 'engine2',
  summary:
    'alias of `eval engine --engine 2`: eval engine keys + render_cluster_cos, photo_gap_cos (FaceRes)',
  async run({ quick }) {
    const count = quick ? 40 : 300
    const stable = quick ? 10 : 60
    const engine = engineV2()
    const analyzer = await FaceAnalyzer.createFromOptions({
      models: await nodeModelSource(),
      maxFaces: 1,
    })
    const nmes: number[] = []
    const pointErrors = new Float64Array(68)
    const missed: number[] = []
    const mobile: Float32Array[] = []
    const faceres: Float32Array[] = []
    const stability: number[] = []
    const photos: Float32Array[] = []
    // Gender read per sex: [agreed, counted] for women and men.
    const genderRead = { female: [0, 0], male: [0, 0] }
    try {
      for (let i = 0; i < count; i++) {
        progress(`eval engine2 ${i + 1}/${count}`)
        const seed = i + 1
        // The editor's random (its dice): plausible people with a little skin detail (since session 30)
        const character = randomPlausibleCharacter(seed, { detail: true })
        const image = engine.render(character, { size: SIZE, background: BACKGROUND }, lookShader)
        const result = await analyzer.detect(image)
        const face = result.faces[0]
        if (result.detections !== 1 || !face) {
          missed.push(seed)
          continue
        }
        const truth = engine.landmarks(character, { size: SIZE })
        const iod = Math.hypot(
          truth.ibug68[90]! - truth.ibug68[72]!,
          truth.ibug68[91]! - truth.ibug68[73]!
        )
        let sum = 0
        let n = 0
        for (let k = 0; k < 68; k++) {
          if (!truth.visible[k]) continue
          const e =
            Math.hypot(
              face.ibug68[2 * k]! - truth.ibug68[2 * k]!,
              face.ibug68[2 * k + 1]! - truth.ibug68[2 * k + 1]!
            ) / iod
          pointErrors[k] = pointErrors[k]! + e
          sum += e
          n++
        }
        if (n) nmes.push(sum / n)
        const e = await analyzer.embed(image, face)
        mobile.push(e)
        faceres.push(await analyzer.embed(image, face, 'face-embedder-eval'))
        const g = character.sliders['who.gender']!
        if (Math.abs(g - 0.5) >= GENDER_MARGIN) {
          const sex = g < 0.5 ? genderRead.female : genderRead.male
          const readFemale = (await analyzer.attributes(image, face)).female >= 0.5
          sex[0]! += Number(readFemale === g < 0.5)
          sex[1]! += 1
        }
        if (i < stable) {
          const moved = engine.render(
            jitter(character, 0.02, seed * 7919),
            { size: SIZE, background: BACKGROUND },
            lookShader
          )
          const f2 = (await analyzer.detect(moved)).faces[0]
          if (f2) stability.push(cosine(e, await analyzer.embed(moved, f2)))
        }
      }
      const dir = facesDir()
      if (dir) {
        const london = join(dir, 'london', 'neutral')
        const files = readdirSync(london)
          .filter((f) => f.endsWith('.jpg'))
          .sort()
          .slice(0, quick ? 40 : undefined)
        for (const [k, f] of files.entries()) {
          progress(`eval engine2 photos ${k + 1}/${files.length}`)
          const { image } = decodeImage(new Uint8Array(readFileSync(join(london, f))))
          const face = (await analyzer.detect(image)).faces[0]
          if (face) photos.push(await analyzer.embed(image, face, 'face-embedder-eval'))
        }
      } else {
        console.error(
          'eval engine2: no ../shared/faces (set FACECRAFT_FACES); photo_gap_cos is null.'
        )
      }
    } finally {
      progress('')
      await analyzer.close()
    }
    const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : null)
    const round = (v: number | null) => (v === null ? null : Number(v.toFixed(4)))
    // As `eval engine --engine 1` reports them: the points FaceMesh reads furthest from the engine's.
    const detected = count - missed.length
    const worst = [...pointErrors]
      .map((e, k) => ({
        ibug: k,
        mesh: IBUG68_FROM_MESH[k],
        nme: Number((e / Math.max(1, detected)).toFixed(4)),
      }))
      .sort((a, b) => b.nme - a.nme)
      .slice(0, 8)
    const share = (k: number, n: number) => (n ? round(k / n) : null)
    const photoPhoto = meanPairs(photos)
    const renderPhoto = photos.length ? meanPairs(faceres, photos) : null
    return {
      detect_rate: round((count - missed.length) / count),
      landmark_nme: round(mean(nmes)),
      identity_spread_cos: round(meanPairs(mobile)),
      identity_stability_cos: round(mean(stability)),
      render_cluster_cos: round(meanPairs(faceres)),
      photo_gap_cos: round(
        renderPhoto !== null && photoPhoto !== null ? renderPhoto - photoPhoto : null
      ),
      gender_read_agree: share(
        genderRead.female[0]! + genderRead.male[0]!,
        genderRead.female[1]! + genderRead.male[1]!
      ),
      gender_read_female: share(genderRead.female[0]!, genderRead.female[1]!),
      gender_read_male: share(genderRead.male[0]!, genderRead.male[1]!),
      photo_photo_cos: round(photoPhoto),
      render_photo_cos: round(renderPhoto),
      renders: count,
      photos: photos.length,
      size: SIZE,
      missed_seeds: missed.slice(0, 20),
      worst_landmarks: worst,
    }
  },
}

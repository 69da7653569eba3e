/**
 * @file Step 2 of the rig v2 face prior (see fit_prior.py): the engine's 68 iBUG landmark vertices in 3D
 * (photo axes: x right in the image, y down, z away from the camera) for a female and a male base character,
 * and their derivatives with respect to every parameter the fit uses: the face sliders (mirrored pairs moved
 * together, in half-ranges), the macro sliders other than gender and a few expressions (nuisances: photos
 * differ in age, build, heritage and smile). Morphs are linear per side, so the slopes are exact finite
 * differences over the whole safe range. Each base is also RENDERED and measured by the face pipeline exactly as
 * the photos are (FaceMesh's normalised mesh), so the fit compares like with like: FaceMesh's own reading of
 * the engine's face, not the landmark vertices, is the zero point. Renders of VALIDATION characters with known
 * sliders (the old prior, seeds 5001-5024) let fit_prior.py check that it recovers what it should.
 * Writes models/.work/prior/basis.json.
 * Usage: npx tsx cli/scripts/prior-v2/engine-basis.ts
 */
import { writeFileSync } from 'node:fs'
import { FaceAnalyzer, IBUG68_FROM_MESH } from '@facecraft/shared/face'
import { nodeModelSource } from '../../src/commands/detect.ts'
import { lookShader } from '../../src/engine-v2.ts'
import { characterWeights } from '@facecraft/shared/engine-v2'
import {
  ageSliderForYears,
  createCharacterV2,
  randomPlausibleCharacter,
  SLIDERS_V2,
} from '@facecraft/shared/rig-v2'
import type { Character } from '@facecraft/shared/rig'
import { engineV2 } from '../../src/engine-v2.ts'
import { ASYMMETRIC_FACE_SLIDERS, symmetricKey } from '@facecraft/shared/rig-v2'

const engine = engineV2()
const rig = engine.rig

/** The 68 landmark points in 3D, photo axes. */
function points(c: Character): number[] {
  const pos = engine.engine.morph(characterWeights(c))
  const out: number[] = []
  for (let k = 0; k < 68; k++) {
    const p = rig.ibug[k]! * 3
    const q = rig.ibugB[k]! * 3
    const w = rig.ibugW[k]!
    const at = (o: number) => (1 - w) * pos[p + o]! + w * pos[q + o]!
    out.push(at(0), -at(1), -at(2))
  }
  return out
}

const faceKeys: string[] = []
const members = new Map<string, string[]>()
for (const s of SLIDERS_V2) {
  if (s.kind !== 'face' || !s.low || ASYMMETRIC_FACE_SLIDERS.includes(s.id)) continue
  const key = symmetricKey(s.id)
  if (!members.has(key)) {
    members.set(key, [])
    faceKeys.push(key)
  }
  members.get(key)!.push(s.id)
}
const NUISANCE: [string, number][] = [
  ['who.age', 0.1],
  ['who.weight', 0.1],
  ['who.muscle', 0.1],
  ['who.african', 0.1],
  ['who.asian', 0.1],
  ['expression.smile', 0.3],
  ['expression.mouth_open', 0.3],
  ['expression.brows_up', 0.3],
  ['expression.eyes_narrow', 0.3],
]

const analyzer = await FaceAnalyzer.createFromOptions({ models: await nodeModelSource() })
/** FaceMesh's 68 normalised 3D points on a front render of `c` (as detect-train.ts reads photos). */
async function measured(c: Character): Promise<number[] | null> {
  const image = engine.render(c, { size: 384, background: [236, 236, 236] }, lookShader)
  const f = (await analyzer.detect(image)).faces[0]
  if (!f) return null
  return IBUG68_FROM_MESH.flatMap((m) => [0, 1, 2].map((o) => f.normalisedMesh[3 * m + o]!))
}
const bases: Record<string, unknown> = {}
for (const [name, gender] of [
  ['female', 0.08],
  ['male', 0.92],
] as const) {
  const base = createCharacterV2({
    sliders: { 'who.gender': gender, 'who.age': ageSliderForYears(30) },
  })
  const with_ = (changes: Record<string, number>) =>
    createCharacterV2({ sliders: { ...base.sliders, ...changes } })
  const p0 = points(base)
  const columns: number[][] = []
  for (const key of faceKeys) {
    const ids = members.get(key)!
    const hi = points(with_(Object.fromEntries(ids.map((id) => [id, 1]))))
    const lo = points(with_(Object.fromEntries(ids.map((id) => [id, 0]))))
    columns.push(hi.map((v, i) => (v - lo[i]!) / 2))
  }
  for (const [id, h] of NUISANCE) {
    const v = base.sliders[id]!
    const a = Math.max(0, v - h)
    const b = Math.min(1, v + h)
    const hi = points(with_({ [id]: b }))
    const lo = points(with_({ [id]: a }))
    columns.push(hi.map((x, i) => (x - lo[i]!) / (b - a)))
  }
  // The base as FaceMesh reads it, averaged over a few looks (hair, brows) so no style biases it.
  const reads: number[][] = []
  for (const hair of ['short', 'long', 'bald', 'ponytail']) {
    const m = await measured(
      createCharacterV2({ ...base, styles: { ...base.styles, 'hair.style': hair } })
    )
    if (m) reads.push(m)
  }
  const measuredBase = reads[0]!.map((_, i) => reads.reduce((s, r) => s + r[i]!, 0) / reads.length)
  bases[name] = { base: p0, measured: measuredBase, base_sliders: base.sliders, columns }
}
const validation: unknown[] = []
for (let seed = 5001; seed <= 5024; seed++) {
  const c = randomPlausibleCharacter(seed)
  const m = await measured(c)
  if (m)
    validation.push({
      seed,
      gender: c.sliders['who.gender']! > 0.5 ? 'male' : 'female',
      ibug3d: m,
      sliders: c.sliders,
    })
}
await analyzer.close()
writeFileSync(
  'models/.work/prior/basis.json',
  JSON.stringify({
    face_keys: faceKeys,
    members: Object.fromEntries(members),
    nuisance: NUISANCE.map(([id]) => id),
    ...bases,
    validation,
  })
)
console.error(`engine-basis: ${faceKeys.length} face parameters, ${NUISANCE.length} nuisances`)

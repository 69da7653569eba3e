/**
 * @file Probe of how FaceRes reads the sex of renders (tuning aid for the look, issue #8): for the first COUNT
 * women (or men with SEX=male) of the plausible prior, the mean FaceRes female probability and the share read
 * female, for the character as drawn and for single changes (styles, colours, sliders). The published figure
 * is `facecraft eval engine`'s gender_read_agree. Usage: nice -n 10 npx tsx cli/scripts/look-gender-probe.ts
 */
import { FaceAnalyzer } from '@facecraft/shared/face'
import type { Character } from '@facecraft/shared/rig'
import { randomPlausibleCharacter, SLIDERS_V2 } from '@facecraft/shared/rig-v2'
import { nodeModelSource } from '../src/commands/detect.ts'
import { engineV2, lookShader } from '../src/engine-v2.ts'
import { createLambertShader, type ShaderFactory } from '../../shared/src/engine/v2/index.ts'

const shader: ShaderFactory = process.env.SHADER === 'lambert' ? createLambertShader : lookShader

const COUNT = Number(process.env.COUNT ?? 30)
const female = process.env.SEX !== 'male'
const engine = engineV2()
const analyzer = await FaceAnalyzer.createFromOptions({
  models: await nodeModelSource(),
  maxFaces: 1,
})
const people: Character[] = []
for (let seed = 1; people.length < COUNT; seed++) {
  const c = randomPlausibleCharacter(seed)
  if (c.sliders['who.gender']! < 0.5 === female) people.push(c)
}
type Change = (c: Character) => Character
const set =
  (kind: 'sliders' | 'colors' | 'styles', values: Record<string, number | string>): Change =>
  (c) => ({ ...c, [kind]: { ...c[kind], ...values } })
const variants: [string, Change][] = [['as drawn', (c) => c]]
for (const arg of (process.env.VARIANTS ?? 'default').split(';')) {
  if (arg === 'default') {
    variants.push(
      ['hair long', set('styles', { 'hair.style': 'long' })],
      ['hair short', set('styles', { 'hair.style': 'short' })],
      ['lashes long', set('styles', { 'eyes.lashes': 'long' })],
      ['lipstick red', set('styles', { 'makeup.lipstick': 'red' })],
      ['gender 0', set('sliders', { 'who.gender': 0 })],
      ['smile .5', set('sliders', { 'expression.smile': 0.5 })],
      ['no glasses', set('styles', { 'glasses.style': 'none' })],
      ['lip tint .9', set('colors', { 'mouth.lip_tint': 0.9 })],
      ['blush .6', set('colors', { 'skin.blush': 0.6 })]
    )
    for (let b = 1; b <= 12; b++)
      variants.push([
        `brow ${b}`,
        set('styles', { 'brows.style': `brow-${String(b).padStart(3, '0')}` }),
      ])
  } else if (arg === 'meanface') {
    variants.push([
      'mean face (face sliders at default)',
      (c) => {
        const sliders = { ...c.sliders }
        for (const d of SLIDERS_V2) if (d.kind === 'face') sliders[d.id] = d.default
        return { ...c, sliders }
      },
    ])
  } else if (arg.startsWith('shape:')) {
    const id = `face.head-${arg.slice(6)}`
    variants.push([
      id,
      (c) => {
        const sliders = { ...c.sliders }
        for (const d of SLIDERS_V2)
          if (d.kind === 'face' && !d.low) sliders[d.id] = d.id === id ? 0.6 : 0
        return { ...c, sliders }
      },
    ])
  } else if (arg.startsWith('spreadkeys:')) {
    // The prior's draw scaled toward its mean by k on the face sliders whose id matches a pattern:
    // `spreadkeys:k:regex`.
    const [, kk, pattern] = arg.split(':')
    const k = Number(kk)
    const re = new RegExp(pattern!)
    variants.push([
      arg,
      (c) => {
        const sliders = { ...c.sliders }
        for (const d of SLIDERS_V2)
          if (d.kind === 'face' && d.low && re.test(d.id))
            sliders[d.id] = d.default + (sliders[d.id]! - d.default) * k
        return { ...c, sliders }
      },
    ])
  } else if (arg.startsWith('spread:')) {
    // The face prior's draw scaled toward its mean (k = 0: the mean face).
    const k = Number(arg.slice(7))
    variants.push([
      arg,
      (c) => {
        const sliders = { ...c.sliders }
        for (const d of SLIDERS_V2)
          if (d.kind === 'face' && d.low)
            sliders[d.id] = d.default + (sliders[d.id]! - d.default) * k
        return { ...c, sliders }
      },
    ])
  } else if (arg.startsWith('fem:')) {
    // Sliders moved toward their conventionally feminine end by k (fuller lips, narrower chin and nose,
    // flatter brow ridge, younger head): `fem:k[:only,ids]`.
    const [, kk, only] = arg.split(':')
    const k = Number(kk)
    const dirs: Record<string, number> = {
      'face.mouth-upperlip-volume.decr-incr': 1,
      'face.mouth-lowerlip-volume.decr-incr': 1,
      'face.chin-width.decr-incr': -1,
      'face.chin-bones.decr-incr': -1,
      'face.nose-scale-horiz.decr-incr': -1,
      'face.nose-volume.decr-incr': -1,
      'face.eyebrows-trans.backward-forward': -1,
      'face.head-age.decr-incr': -1,
      'face.l-cheek-bones.decr-incr': 1,
      'face.r-cheek-bones.decr-incr': 1,
    }
    variants.push([
      arg,
      (c) => {
        const sliders = { ...c.sliders }
        for (const [id, d] of Object.entries(dirs))
          if (!only || only.split(',').some((o) => id.includes(o)))
            sliders[id] = Math.min(1, Math.max(0, sliders[id]! + d * k))
        return { ...c, sliders }
      },
    ])
  } else if (arg === 'cues') {
    variants.push([
      'lashes long+lip tint+smile+brow 5',
      (c) => ({
        ...c,
        sliders: { ...c.sliders, 'expression.smile': 0.5 },
        colors: { ...c.colors, 'mouth.lip_tint': 0.9 },
        styles: { ...c.styles, 'eyes.lashes': 'long', 'brows.style': 'brow-005' },
      }),
    ])
  } else if (arg) {
    const [kind, id, v] = arg.split('=')[0]!.split(':') as [
      'sliders' | 'colors' | 'styles',
      string,
      string,
    ]
    void v
    const value = arg.split('=')[1]!
    variants.push([arg, set(kind, { [id]: kind === 'styles' ? value : Number(value) })])
  }
}
for (const [name, change] of variants) {
  let sum = 0
  let read = 0
  let n = 0
  for (const p of people) {
    const c = change(p)
    const image = engine.render(c, { size: 256, background: [255, 255, 255] }, shader)
    const face = (await analyzer.detect(image)).faces[0]
    if (!face) continue
    const f = (await analyzer.attributes(image, face)).female
    sum += f
    read += Number(f >= 0.5)
    n++
  }
  console.log(
    `${name.padEnd(28)} female p ${(sum / n).toFixed(3)}  read female ${(read / n).toFixed(2)}  (n ${n})`
  )
}
await analyzer.close()

import { describe, expect, it } from 'vitest'
import { STYLES_V2 } from '../rig/v2/styles.ts'
import {
  applyGender,
  GENDER_STYLES,
  LONG_HAIR_LOGIT,
  overrules,
  READ_DECIDES,
  readSlider,
  withHair,
} from './gender.ts'
import { rigCodec, styleGroupStart } from './rigs.ts'

const rig = rigCodec(2)
const options = (group: string) => STYLES_V2.find((s) => s.id === group)!.options.map((o) => o.id)

/** A character with gender slider `gender` and styles `styles`, and translator probabilities `p` per option. */
function setUp(
  gender: number,
  styles: Record<string, string>,
  p: Record<string, Record<string, number>> = {}
) {
  const indices = Int32Array.from(rig.styleIds, (id) =>
    styles[id] ? options(id).indexOf(styles[id]!) : 0
  )
  const character = rig.fromVector(new Float32Array(rig.length).fill(0.5), indices)
  character.sliders['who.gender'] = gender
  const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
  for (const [group, byOption] of Object.entries(p))
    for (const [id, value] of Object.entries(byOption))
      probabilities[styleGroupStart(rig, group) + options(group).indexOf(id)] = value
  return { character, probabilities }
}

describe('overrules', () => {
  it('only where the read and the slider disagree and the read is sure enough or the surer', () => {
    expect(overrules(0.05, 0.3)).toBe(true) // read male 0.9 sure, slider female 0.4 sure
    expect(overrules(0.95, 0.6)).toBe(true)
    // a read at least READ_DECIDES sure decides against a surer-looking slider (the slider is not a probability)
    expect(overrules(0.2, 0.1)).toBe(true) // read male 0.6 sure, slider female 0.8 sure
    expect(overrules(0.5 + READ_DECIDES / 2, 0.95)).toBe(true)
    expect(overrules(0.3, 0.1)).toBe(false) // read male 0.4 sure, slider female 0.8 sure: it stands
    expect(overrules(0.6, 0.55)).toBe(true) // both unsure: the surer decides
    expect(overrules(0.6, 0.8)).toBe(false)
    expect(overrules(0.05, 0.9)).toBe(false) // both male
    expect(overrules(0.9, 0.2)).toBe(false) // both female
    expect(overrules(0.5, 0.5)).toBe(false)
  })
})

describe('withHair', () => {
  it("adds LONG_HAIR_LOGIT to the read's log odds for long hair only", () => {
    const logit = (p: number) => Math.log(p / (1 - p))
    for (const p of [0.05, 0.3, 0.5, 0.6, 0.95])
      expect(logit(withHair(p, 'long')) - logit(p)).toBeCloseTo(LONG_HAIR_LOGIT, 6)
    for (const length of ['short', 'bob', null] as const) expect(withHair(0.4, length)).toBe(0.4)
    // a read of exactly 0 or 1 stays a probability
    expect(withHair(0, 'long')).toBeGreaterThan(0)
    expect(withHair(1, 'long')).toBeLessThanOrEqual(1)
  })
})

describe('applyGender', () => {
  it("turns an unsure woman into a man by the read's certainty, with a man's lashes and no lipstick", () => {
    const { character, probabilities } = setUp(
      0.3,
      { 'eyes.lashes': 'long', 'makeup.lipstick': 'red', 'hair.facial': 'none' },
      { 'eyes.lashes': { long: 0.6, full: 0.2, short: 0.15, natural: 0.05 } }
    )
    const { character: out, read } = applyGender(character, 0.05, probabilities, rig)
    expect(read).toEqual({ female: 0.05, read: 0.05, longHair: false, overruled: true })
    expect(out.sliders['who.gender']).toBeCloseTo(0.1 + 0.8 * 0.95, 6)
    expect(out.styles['eyes.lashes']).toBe('short') // the most probable of a man's
    expect(out.styles['makeup.lipstick']).toBe('none')
    expect(character.sliders['who.gender']).toBe(0.3) // the input is not changed
    const { 'who.gender': _, ...rest } = out.sliders
    const { 'who.gender': __, ...before } = character.sliders
    expect(rest).toEqual(before) // nothing else moves
  })

  it("turns an unsure man into a woman with a woman's lashes, no beard and no shaved head", () => {
    const { character, probabilities } = setUp(
      0.55,
      { 'eyes.lashes': 'natural', 'hair.facial': 'goatee', 'makeup.lipstick': 'none', 'hair.style': 'buzz' },
      {
        'eyes.lashes': { natural: 0.5, full: 0.3, long: 0.2 },
        'hair.style': { buzz: 0.5, bald: 0.2, 'short-cropped': 0.2, long: 0.1 },
      }
    )
    const { character: out } = applyGender(character, 0.98, probabilities, rig)
    expect(out.sliders['who.gender']).toBeCloseTo(0.1 + 0.8 * 0.02, 6)
    expect(out.styles['eyes.lashes']).toBe('full')
    expect(out.styles['hair.facial']).toBe('none')
    expect(out.styles['hair.style']).toBe('short-cropped') // her most probable cut but the shaved ones
    expect(out.styles['makeup.lipstick']).toBe('none') // allowed for a woman, left as it was
    // a woman's long hair stays when she is made a man: the hair rules (create/hair.ts) decide a man's cut
    const woman = setUp(0.45, { 'hair.style': 'long' })
    expect(applyGender(woman.character, 0.02, woman.probabilities, rig).character.styles['hair.style']).toBe('long')
  }) // prettier-ignore

  it('firms up an unsure slider the surer read agrees with, never back toward the middle', () => {
    const agree = setUp(0.45, { 'eyes.lashes': 'natural' })
    const r = applyGender(agree.character, 0.99, agree.probabilities, rig)
    expect(r.read.overruled).toBe(false)
    expect(r.character.sliders['who.gender']).toBeCloseTo(readSlider(0.99), 6)
    expect(r.character.styles).toEqual(agree.character.styles) // the same sex: styles stay
    // sure, but its target (0.124) is nearer the middle than the slider (0.05): the slider stays
    const extreme = setUp(0.05, {})
    expect(applyGender(extreme.character, 0.97, extreme.probabilities, rig).character).toBe(extreme.character)
    // the read less sure than the slider: nothing moves
    const lessSure = setUp(0.2, {})
    expect(applyGender(lessSure.character, 0.7, lessSure.probabilities, rig).character).toBe(lessSure.character)
  }) // prettier-ignore

  it('leaves a sure slider against an unsure read, and other rigs, alone', () => {
    const sure = setUp(0.08, { 'eyes.lashes': 'long' })
    expect(applyGender(sure.character, 0.3, sure.probabilities, rig).character).toBe(sure.character)
    // a sure read decides however sure the slider looks (READ_DECIDES)
    expect(applyGender(sure.character, 0.2, sure.probabilities, rig).read.overruled).toBe(true)
    const v1 = { ...sure.character, rig: 1 } as typeof sure.character
    expect(applyGender(v1, 0.99, sure.probabilities, rig).character).toBe(v1)
  })

  it("adds long hair's evidence to an unsure read: a woman the translator made a man is a woman again", () => {
    // the read leans female (0.6) but is too unsure to overrule a slider sure of a man (0.87)
    const made = setUp(0.87, { 'eyes.lashes': 'short', 'hair.facial': 'none' }, { 'eyes.lashes': { long: 0.4, short: 0.6 } }) // prettier-ignore
    expect(applyGender(made.character, 0.6, made.probabilities, rig).character).toBe(made.character)
    expect(applyGender(made.character, 0.6, made.probabilities, rig, 'short').character).toBe(
      made.character
    )
    expect(applyGender(made.character, 0.6, made.probabilities, rig, null).character).toBe(
      made.character
    )
    const { character: out, read } = applyGender(
      made.character,
      0.6,
      made.probabilities,
      rig,
      'long'
    )
    expect(read.read).toBe(0.6)
    expect(read.longHair).toBe(true)
    expect(read.female).toBeCloseTo(withHair(0.6, 'long'), 9)
    expect(read.overruled).toBe(true)
    expect(out.sliders['who.gender']).toBeLessThan(0.5)
    expect(out.styles['eyes.lashes']).toBe('long')
    // a man the read is sure of keeps his sex with long hair
    const man = setUp(0.9, {})
    expect(applyGender(man.character, 0.1, man.probabilities, rig, 'long').character).toBe(
      man.character
    )
  })

  it('names only groups and options the rig has', () => {
    for (const sets of Object.values(GENDER_STYLES))
      for (const [group, allowed] of sets)
        for (const id of allowed) expect(options(group)).toContain(id)
  })
})

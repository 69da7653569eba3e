import { describe, expect, it } from 'vitest'
import {
  checkCharacter,
  createCharacter,
  randomCharacter,
  RIG_VERSION,
  RigValidationError,
  validateCharacter,
  type RigIssue,
} from './index.ts'
import { checkCharacterV2, createCharacterV2 } from './v2/character.ts'

const issuesOf = (input: unknown) => checkCharacter(input).map((i: RigIssue) => [i.path, i.code])

describe('validateCharacter', () => {
  it('accepts defaults and random characters', () => {
    expect(checkCharacter(createCharacter())).toEqual([])
    for (let seed = 0; seed < 20; seed++)
      expect(validateCharacter(randomCharacter(seed))).toBeTruthy()
  })

  it('rejects what is not an object', () => {
    for (const bad of [null, 3, 'x', [], undefined]) {
      expect(issuesOf(bad)).toEqual([['', 'wrong-type']])
    }
  })

  it('names unknown ids, top-level or inside a section', () => {
    const c = createCharacter() as unknown as Record<string, Record<string, unknown>>
    c.sliders!['nose.wobble'] = 0.5
    c.extra = {}
    expect(issuesOf(c)).toEqual([
      ['extra', 'unknown-id'],
      ['sliders.nose.wobble', 'unknown-id'],
    ])
  })

  it('rejects out-of-range values at both ends and keeps the exact bounds', () => {
    const c = createCharacter({ sliders: { 'eyes.size': 1.0001 }, colors: { 'skin.tone': -0.1 } })
    expect(issuesOf(c)).toEqual([
      ['sliders.eyes.size', 'out-of-range'],
      ['colors.skin.tone', 'out-of-range'],
    ])
    expect(
      checkCharacter(createCharacter({ sliders: { 'eyes.size': 0, 'eyes.width': 1 } }))
    ).toEqual([])
  })

  it('rejects wrong types: strings, NaN, Infinity, null, arrays, objects', () => {
    const c = createCharacter() as unknown as {
      sliders: Record<string, unknown>
      styles: Record<string, unknown>
    }
    c.sliders['face.width'] = '0.5'
    c.sliders['face.height'] = NaN
    c.sliders['face.depth'] = Infinity
    c.sliders['nose.width'] = null
    c.styles['hair.style'] = 3
    const issues = issuesOf(c)
    expect(issues).toEqual([
      ['sliders.face.width', 'wrong-type'],
      ['sliders.face.height', 'wrong-type'],
      ['sliders.face.depth', 'wrong-type'],
      ['sliders.nose.width', 'wrong-type'],
      ['styles.hair.style', 'wrong-type'],
    ])
    expect(issuesOf({ ...createCharacter(), colors: [] })).toEqual([['colors', 'wrong-type']])
    expect(issuesOf({ ...createCharacter(), rig: '1' })).toEqual([['rig', 'wrong-type']])
  })

  it('reports missing fields and missing parameters', () => {
    const { sliders: _s, ...noSliders } = createCharacter()
    expect(issuesOf(noSliders)).toEqual([['sliders', 'missing']])
    const { rig: _r, ...noRig } = createCharacter()
    expect(issuesOf(noRig)).toEqual([['rig', 'missing']])
    const c = createCharacter()
    delete c.sliders['chin.width']
    delete c.styles['makeup.lipstick']
    expect(issuesOf(c)).toEqual([
      ['sliders.chin.width', 'missing'],
      ['styles.makeup.lipstick', 'missing'],
    ])
  })

  it('rejects unknown style options and other rig versions, listing the valid options', () => {
    const c = createCharacter({ styles: { 'hair.style': 'mohawk' } })
    const [issue] = checkCharacter(c)
    expect(issue!.code).toBe('unknown-option')
    expect(issue!.message).toContain('bald')
    expect(issuesOf({ ...createCharacter(), rig: RIG_VERSION + 1 })).toEqual([
      ['rig', 'unsupported-rig'],
    ])
  })

  it('throws one error listing every issue, with a readable message', () => {
    const c = createCharacter({
      sliders: { 'eyes.size': 2, 'eyes.width': 3, 'eyes.tilt': 4, 'eyes.depth': 5 },
    })
    let error: unknown
    try {
      validateCharacter(c)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RigValidationError)
    expect((error as RigValidationError).issues).toHaveLength(4)
    expect((error as Error).message).toMatch(
      /sliders\.eyes\.size: 2 is outside \[0, 1\].*\(and 1 more\)/
    )
  })
})

describe('checkCharacterV2 (the same checks, rig v2 words)', () => {
  it('codes each problem as v1 does, whatever the bad value says', () => {
    const c = createCharacterV2()
    const input = {
      ...c,
      rig: 1,
      sliders: { ...c.sliders, nope: 0.5 },
      colors: { ...c.colors, [Object.keys(c.colors)[0]!]: 'outside' },
      // A style value that reads like another problem's message (rig v2 once coded this 'out-of-range').
      styles: { ...c.styles, 'brows.style': 'outside' },
    }
    expect(checkCharacterV2(input).map((i) => [i.path, i.code, i.message.slice(0, 24)])).toEqual([
      ['rig', 'unsupported-rig', 'a rig v1 character: open'],
      ['sliders.nope', 'unknown-id', "no sliders parameter 'no"],
      [`colors.${Object.keys(c.colors)[0]}`, 'wrong-type', 'must be a finite number '],
      ['styles.brows.style', 'unknown-option', "'outside' is not one of:"],
    ])
  })
})

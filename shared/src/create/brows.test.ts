import { describe, expect, it } from 'vitest'
import { STYLES_V2, WOMEN_BROWS } from '../rig/v2/styles.ts'
import { applyBrows } from './brows.ts'
import { rigCodec, styleGroupStart } from './rigs.ts'

const rig = rigCodec(2)
// option ids as the rig lists them (applyBrows works from BROW_IDS: the cases below fail if the two differ)
const BROWS = STYLES_V2.find((s) => s.id === 'brows.style')!.options.map((o) => o.id)

/** A character with brow `brow` and gender slider `gender`, and translator probabilities over the brow shapes. */
function setUp(brow: string, gender: number, browProbabilities: Record<string, number>) {
  const styles = Int32Array.from(rig.styleSizes, () => 0)
  styles[rig.styleIds.indexOf('brows.style')] = BROWS.indexOf(brow)
  const character = rig.fromVector(new Float32Array(rig.length).fill(0.5), styles)
  character.sliders['who.gender'] = gender
  const probabilities = new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0))
  const start = styleGroupStart(rig, 'brows.style')
  for (const [id, p] of Object.entries(browProbabilities))
    probabilities[start + BROWS.indexOf(id)] = p
  return { character, probabilities }
}

describe('applyBrows', () => {
  it("gives a woman with a shape that reads male the translator's most probable woman's shape", () => {
    const { character, probabilities } = setUp('brow-012', 0.1, {
      'brow-012': 0.5,
      'brow-001': 0.45,
      'brow-005': 0.1,
      'brow-007': 0.3,
    })
    const out = applyBrows(character, probabilities, rig)
    expect(out.styles['brows.style']).toBe('brow-007')
    expect(character.styles['brows.style']).toBe('brow-012') // the input is not changed
    expect(out.sliders).toEqual(character.sliders)
  })

  it('keeps a fine shape a woman already has, and a man keeps any shape', () => {
    const fine = setUp('brow-005', 0.1, { 'brow-007': 0.9 })
    expect(applyBrows(fine.character, fine.probabilities, rig).styles['brows.style']).toBe(
      'brow-005'
    )
    const man = setUp('brow-012', 0.9, { 'brow-012': 0.9, 'brow-005': 0.1 })
    expect(applyBrows(man.character, man.probabilities, rig)).toBe(man.character)
  })

  it('names only brow shapes the rig has', () => {
    for (const id of WOMEN_BROWS) expect(BROWS).toContain(id)
  })
})

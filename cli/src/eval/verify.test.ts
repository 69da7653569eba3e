/** @file eval verify on synthetic pairs (engine renders in LFW layout) and the committed London pairs file. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderCharacter } from '@facecraft/shared/engine'
import { encodePng } from '@facecraft/shared/image'
import { randomCharacter } from '@facecraft/shared/rig'
import { UsageError } from '../command.ts'
import { londonPairs, verifyEval } from './verify.ts'
import { parsePairs } from './verify-protocol.ts'

/** Eight characters, two renders each (front and turned 12 degrees), and a 2-fold pairs file over them. */
function syntheticSet(): { pairs: string; images: string } {
  const dir = mkdtempSync(join(tmpdir(), 'facecraft-verify-'))
  const names = Array.from({ length: 8 }, (_, i) => `char${i + 1}`)
  names.forEach((name, i) => {
    mkdirSync(join(dir, name))
    const c = randomCharacter(100 + i)
    ;[0, 12].forEach((yaw, k) => {
      const image = renderCharacter(c, { size: 256, yaw, background: [236, 236, 236] })
      writeFileSync(join(dir, name, `${name}_000${k + 1}.png`), encodePng(image))
    })
  })
  const lines = ['2 2']
  for (const f of [0, 1]) {
    const [a, b, c, d] = names.slice(4 * f, 4 * f + 4) as [string, string, string, string]
    lines.push(`${a} 1 2`, `${b} 1 2`, `${c} 1 ${d} 2`, `${d} 1 ${a} 2`)
  }
  const pairs = join(dir, 'pairs.txt')
  writeFileSync(pairs, lines.join('\n') + '\n')
  return { pairs, images: dir }
}

describe('eval verify', () => {
  it('runs the protocol on synthetic pairs: parameters from a method, and the recogniser bound', async () => {
    const { pairs, images } = syntheticSet()
    const out = await verifyEval.run({
      quick: false,
      json: true,
      args: { pairs, images, recognizer: 'dlib', method: 'random' },
    })
    expect(out.pairs).toBe(8)
    expect(out.folds).toBe(2)
    expect(out.method).toBe('random')
    expect(out.undetected).toBe(0)
    expect(out.accuracy).toBeGreaterThanOrEqual(0)
    expect(out.accuracy).toBeLessThanOrEqual(1)
    // dlib tells these characters apart across a 12-degree turn (the bound the parameters are measured against).
    expect(out.recognizer_accuracy).toBeGreaterThanOrEqual(0.75)
  }, 120_000)

  it('says what is missing or wrong', async () => {
    await expect(verifyEval.run({ quick: true, json: true, args: {} })).rejects.toThrow(UsageError)
    const { pairs, images } = syntheticSet()
    await expect(
      verifyEval.run({ quick: true, json: true, args: { pairs, images, recognizer: 'arcface' } })
    ).rejects.toThrow(/--recognizer must be one of mobileface, faceres, dlib/)
    await expect(
      verifyEval.run({ quick: true, json: true, args: { pairs, images: tmpdir() } })
    ).rejects.toThrow(/LFW layout/)
  }, 60_000)
})

describe('the London pairs file (models/eval/london-pairs.txt)', () => {
  const text = readFileSync(
    new URL('../../../models/eval/london-pairs.txt', import.meta.url),
    'utf8'
  )

  it('has 102 same and 102 different pairs in 10 person-disjoint folds', () => {
    const { folds, pairs } = parsePairs(text)
    expect(folds).toBe(10)
    expect(pairs.filter((p) => p.same)).toHaveLength(102)
    expect(pairs.filter((p) => !p.same)).toHaveLength(102)
    for (const p of pairs) expect(p.a[1] === 1 && p.b[1] === 2).toBe(true) // neutral vs smiling
    const foldOf = new Map(pairs.filter((p) => p.same).map((p) => [p.a[0], p.fold]))
    for (const p of pairs.filter((q) => !q.same)) {
      expect(p.a[0]).not.toBe(p.b[0])
      expect(foldOf.get(p.b[0])).toBe(p.fold)
    }
  })

  it('is what londonPairs writes for those people (seed 1): regenerable', () => {
    const people = parsePairs(text)
      .pairs.filter((p) => p.same)
      .map((p) => p.a[0])
      .sort()
    expect(londonPairs(people)).toBe(text)
  })
})

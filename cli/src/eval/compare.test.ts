import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  compareEval,
  compareRows,
  personIntervals,
  personValue,
  type PersonRow,
} from './compare.ts'

/** A per-person row as `eval likeness --report` writes it (two recognisers, as the report keeps them). */
const row = (
  method: string,
  person: string,
  ranks: number[],
  own: number,
  gender: number | null = 1
): PersonRow => ({
  method,
  person,
  ranks,
  own: ranks.map(() => own),
  others: ranks.map(() => 0.1),
  gender_agree: gender,
})

/** n people; the first `found` are ranked first by both recognisers, the rest 9th. */
const people = (method: string, n: number, found: number, own = 0.4) =>
  Array.from({ length: n }, (_, i) => row(method, `p${i}`, i < found ? [1, 1] : [9, 9], own))

describe('personValue', () => {
  it('averages over the recognisers as eval likeness does', () => {
    const r = row('translator', 'a', [1, 3], 0.5, null)
    expect(personValue(r, 'retrieval_top1')).toBe(0.5)
    expect(personValue(r, 'retrieval_top5')).toBe(1)
    expect(personValue(r, 'id_cos')).toBe(0.5)
    expect(personValue(r, 'id_margin')).toBeCloseTo(0.4)
    expect(personValue(r, 'gender_agree')).toBeNull()
  })
})

describe('compareRows', () => {
  it('pairs the people both reports have and counts who went each way', () => {
    const base = people('refined', 100, 30)
    const candidate = people('refined', 100, 30).map((r, i) =>
      i === 0
        ? row('refined', r.person, [9, 9], 0.4)
        : i === 99
          ? row('refined', r.person, [1, 1], 0.4)
          : r
    )
    candidate.push(row('refined', 'stranger', [1, 1], 0.9)) // not in the base: left out
    const c = compareRows(base, candidate, 'refined')
    expect(c.retrieval_top1).toMatchObject({
      base: 0.3,
      candidate: 0.3,
      diff: 0,
      better: 1,
      worse: 1,
      n: 100,
    })
    expect(c.retrieval_top1!.ci95[0]).toBeLessThan(0)
    expect(c.retrieval_top1!.ci95[1]).toBeGreaterThan(0)
  })

  it('finds a difference many people share', () => {
    const c = compareRows(
      people('translator', 100, 10),
      people('translator', 100, 60),
      'translator'
    )
    expect(c.retrieval_top1!.diff).toBeCloseTo(0.5)
    expect(c.retrieval_top1!.ci95[0]).toBeGreaterThan(0.35)
    expect(c.id_cos).toMatchObject({ diff: 0, better: 0, worse: 0 })
  })
})

describe('personIntervals', () => {
  it('gives each method an interval around its own mean', () => {
    const ci = personIntervals([...people('translator', 100, 20), ...people('refined', 100, 40)])
    expect(ci.translator!.retrieval_top1![0]).toBeLessThan(0.2)
    expect(ci.translator!.retrieval_top1![1]).toBeGreaterThan(0.2)
    expect(ci.refined!.retrieval_top1![0]).toBeGreaterThan(ci.translator!.retrieval_top1![0])
    expect(ci.refined!.id_cos).toEqual([0.4, 0.4])
  })
})

describe('eval compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'facecraft-compare-'))
  const write = (name: string, data: unknown) => {
    const file = join(dir, name)
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data))
    return file
  }
  const report = (rows: PersonRow[]) => ({ photos: {}, photo_set: 'london', per_person: rows })
  const run = (args: Record<string, string>) => compareEval.run({ quick: false, json: true, args })

  it('compares every method both reports have', async () => {
    const base = write(
      'a.json',
      report([...people('translator', 50, 10), ...people('refined', 50, 20)])
    )
    const cand = write(
      'b.json',
      report([...people('translator', 50, 30), ...people('mean', 50, 0)])
    )
    const out = (await run({ base, candidate: cand })) as { methods: Record<string, unknown> }
    expect(Object.keys(out.methods)).toEqual(['translator'])
  })

  it('says what is wrong with each bad input', async () => {
    const good = write('good.json', report(people('translator', 10, 2)))
    await expect(run({ base: good })).rejects.toThrow(/--base FILE and --candidate FILE/)
    await expect(run({ base: join(dir, 'none.json'), candidate: good })).rejects.toThrow(
      /cannot read .*none\.json \(no such file\)/
    )
    await expect(run({ base: write('bad.json', '{"photos":'), candidate: good })).rejects.toThrow(
      /cannot read .*bad\.json/
    )
    await expect(
      run({ base: write('bench.json', { render128_ms: 10 }), candidate: good })
    ).rejects.toThrow(/no per-person rows/)
    await expect(run({ base: good, candidate: good, method: 'refined' })).rejects.toThrow(
      /'refined' is not in both reports; both have: translator/
    )
    const other = write('other.json', report(people('refined', 10, 2)))
    await expect(run({ base: good, candidate: other })).rejects.toThrow(/share no method/)
    const strangers = write(
      'strangers.json',
      report(people('translator', 10, 2).map((r) => ({ ...r, person: `x-${r.person}` })))
    )
    await expect(run({ base: good, candidate: strangers })).rejects.toThrow(/share no person/)
  })
})

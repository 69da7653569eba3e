/**
 * @module cli/eval/compare — `facecraft eval compare --base A.json --candidate B.json [--method NAME]`: is a
 * candidate's likeness really different from the base's? Two `eval likeness --report` JSON files are compared on
 * the people both created (their `per_person` rows), per method: each photo figure's base and candidate value, the
 * mean paired difference (candidate - base), its 95% paired-bootstrap interval (bootstrap.ts), and how many people
 * went each way (`better`, `worse`). An interval that spans 0 says the photo set cannot tell the two apart.
 * Also `personIntervals`: the per-method 95% intervals `eval likeness` reports beside its figures (`photos_ci95`).
 */
import { readFileSync } from 'node:fs'
import { UsageError } from '../command.ts'
import type { Suite } from '../suite.ts'
import { BOOTSTRAP_DEFAULTS, meanInterval, pairedDifference } from './bootstrap.ts'
import type { PersonFigures } from './likeness.ts'
import { round4 } from './retrieval.ts'

/** The photo figures that are means over people, so a person's own value can be resampled. */
export const PERSON_FIGURES = [
  'retrieval_top1',
  'retrieval_top5',
  'id_cos',
  'id_margin',
  'gender_agree',
] as const
export type PersonFigure = (typeof PERSON_FIGURES)[number]

/** The fields of a per-person row that the figures read (what a report's JSON keeps of PersonFigures). */
export type PersonRow = Pick<
  PersonFigures,
  'method' | 'person' | 'ranks' | 'own' | 'others' | 'gender_agree'
>

/**
 * One person's value of `figure`, as `eval likeness` averages it (retrieval and cosines: the mean over the
 * independent recognisers); null where the figure has none (gender when no face was found in the render).
 */
export function personValue(row: PersonRow, figure: PersonFigure): number | null {
  const overRecognisers = (f: (k: number) => number) =>
    row.ranks.reduce((s, _, k) => s + f(k), 0) / row.ranks.length
  switch (figure) {
    case 'retrieval_top1':
      return overRecognisers((k) => Number(row.ranks[k]! <= 1))
    case 'retrieval_top5':
      return overRecognisers((k) => Number(row.ranks[k]! <= 5))
    case 'id_cos':
      return overRecognisers((k) => row.own[k]!)
    case 'id_margin':
      return overRecognisers((k) => row.own[k]! - row.others[k]!)
    case 'gender_agree':
      return row.gender_agree
  }
}

/** Per method, the 95% bootstrap interval of each person figure's mean over people (rounded). */
export function personIntervals(
  rows: readonly PersonRow[]
): Record<string, Record<PersonFigure, [number, number] | null>> {
  const out: Record<string, Record<PersonFigure, [number, number] | null>> = {}
  for (const method of new Set(rows.map((r) => r.method))) {
    const mine = rows.filter((r) => r.method === method)
    out[method] = Object.fromEntries(
      PERSON_FIGURES.map((f) => {
        const v = mine.map((r) => personValue(r, f)).filter((x): x is number => x !== null)
        return [f, v.length ? (meanInterval(v).map(round4) as [number, number]) : null]
      })
    ) as Record<PersonFigure, [number, number] | null>
  }
  return out
}

/** One figure compared: means over the people both reports have a value for. */
export interface FigureComparison {
  base: number
  candidate: number
  diff: number
  ci95: [number, number]
  /** People whose value rose / fell (candidate vs base). */
  better: number
  worse: number
  n: number
}

/** Compares two reports' per-person rows for `method` (see the module comment). */
export function compareRows(
  base: readonly PersonRow[],
  candidate: readonly PersonRow[],
  method: string
): Record<PersonFigure, FigureComparison | null> {
  const byPerson = new Map(candidate.filter((r) => r.method === method).map((r) => [r.person, r]))
  const pairs = base
    .filter((r) => r.method === method && byPerson.has(r.person))
    .map((r) => [r, byPerson.get(r.person)!] as const)
  return Object.fromEntries(
    PERSON_FIGURES.map((f) => {
      const a: number[] = []
      const b: number[] = []
      for (const [x, y] of pairs) {
        const u = personValue(x, f)
        const v = personValue(y, f)
        if (u === null || v === null) continue
        a.push(u)
        b.push(v)
      }
      if (!a.length) return [f, null]
      const { diff, ci } = pairedDifference(a, b)
      const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length
      return [
        f,
        {
          base: round4(mean(a)),
          candidate: round4(mean(b)),
          diff: round4(diff),
          ci95: ci.map(round4) as [number, number],
          better: b.filter((v, i) => v > a[i]!).length,
          worse: b.filter((v, i) => v < a[i]!).length,
          n: a.length,
        },
      ]
    })
  ) as Record<PersonFigure, FigureComparison | null>
}

/** Reads a likeness report's per-person rows, with a message that says what to run when it is not one. */
export function readReport(file: string): { rows: PersonRow[]; photoSet: string | null } {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message
    throw new UsageError(
      `cannot read ${file} (${why}); give a report that \`eval likeness --report NAME\` wrote (models/reports/NAME.json).`
    )
  }
  const rows = (data as { per_person?: unknown }).per_person
  const ok = (r: unknown): r is PersonRow => {
    const row = r as PersonRow
    return (
      !!row &&
      typeof row.method === 'string' &&
      typeof row.person === 'string' &&
      Array.isArray(row.ranks) &&
      row.ranks.length > 0 &&
      Array.isArray(row.own) &&
      Array.isArray(row.others)
    )
  }
  if (!Array.isArray(rows) || !rows.every(ok))
    throw new UsageError(
      `${file} has no per-person rows: it is not an \`eval likeness --report NAME\` JSON (its per_person list is what is compared).`
    )
  const set = (data as { photo_set?: unknown }).photo_set
  return { rows, photoSet: typeof set === 'string' ? set : null }
}

export const compareEval: Suite = {
  name: 'compare',
  summary:
    'two eval likeness reports on the same people: per method and figure, the paired difference and its 95% bootstrap interval',
  flags: {
    base: {
      type: 'string',
      value: 'FILE',
      description: 'the report to compare against (models/reports/NAME.json)',
    },
    candidate: { type: 'string', value: 'FILE', description: 'the report of the candidate' },
    method: {
      type: 'string',
      value: 'NAME',
      description: 'only this method (default: every method both reports have)',
    },
  },
  async run({ json, args = {} }) {
    if (typeof args.base !== 'string' || typeof args.candidate !== 'string')
      throw new UsageError(
        "'eval compare' needs --base FILE and --candidate FILE (two `eval likeness --report` JSON files)."
      )
    const base = readReport(args.base)
    const candidate = readReport(args.candidate)
    const shared = [...new Set(base.rows.map((r) => r.method))].filter((m) =>
      candidate.rows.some((r) => r.method === m)
    )
    const method = args.method === undefined ? null : String(args.method)
    if (method !== null && !shared.includes(method))
      throw new UsageError(
        `method '${method}' is not in both reports; both have: ${shared.join(', ') || 'none'}.`
      )
    const methods = method !== null ? [method] : shared
    if (!methods.length)
      throw new UsageError('the two reports share no method; compare reports of the same methods.')
    const people = new Set(candidate.rows.map((r) => r.person))
    if (!base.rows.some((r) => people.has(r.person)))
      throw new UsageError(
        'the two reports share no person; compare reports on the same photo set.'
      )
    const out = {
      methods: Object.fromEntries(
        methods.map((m) => [m, compareRows(base.rows, candidate.rows, m)])
      ),
      photo_sets: [base.photoSet, candidate.photoSet],
      resamples: BOOTSTRAP_DEFAULTS.resamples,
      seed: BOOTSTRAP_DEFAULTS.seed,
    }
    if (base.photoSet !== candidate.photoSet)
      console.error(
        `eval compare: the reports name different photo sets (${base.photoSet} vs ${candidate.photoSet}); only the people both have are compared.`
      )
    const log = (s: string) => (json ? process.stderr : process.stdout).write(`${s}\n`)
    for (const [m, figures] of Object.entries(out.methods))
      for (const [f, c] of Object.entries(figures)) {
        if (!c) continue
        const sure = c.ci95[0] > 0 || c.ci95[1] < 0 ? '' : '  (cannot tell apart)'
        log(
          `${m} ${f}: ${c.base} -> ${c.candidate}, diff ${c.diff} [${c.ci95[0]}, ${c.ci95[1]}], ${c.better} better / ${c.worse} worse of ${c.n}${sure}`
        )
      }
    return out
  },
}

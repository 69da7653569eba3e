/**
 * @module cli/eval/london — the public identity set (../shared/faces, README there): where it is, who is in it,
 * and seeded subsets. Photos are read in place and never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRng } from '@facecraft/shared/utils'

/** One row of ../shared/faces/index.csv. */
export interface FaceRow {
  file: string
  set: string
  split: string
  person: string
  expression: string
  age: number
  gender: string
  ethnicity: string
}

/** A London person: one neutral and one smiling photo (absolute paths) and self-reported labels. */
export interface LondonPerson {
  person: string
  neutral: string
  smiling: string
  age: number
  gender: string
  ethnicity: string
}

/** The London set's CC BY 4.0 citation (put it under any figure that shows its photos). */
export const LONDON_CITATION =
  'DeBruine & Jones (2017) Face Research Lab London Set, CC BY 4.0, doi:10.6084/m9.figshare.5047666.v5'

/**
 * The faces folder: $FACECRAFT_FACES, else the first `shared/faces` holding an index.csv beside the checkout or
 * above it (../shared/faces from the repository root; worktrees may sit deeper).
 */
export function facesDir(): string {
  const env = process.env.FACECRAFT_FACES
  if (env) {
    if (!existsSync(join(env, 'index.csv')))
      throw new Error(
        `FACECRAFT_FACES=${env} has no index.csv; point it at the shared faces folder.`
      )
    return env
  }
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
  for (;;) {
    const candidate = join(dir, 'shared', 'faces')
    if (existsSync(join(candidate, 'index.csv'))) return candidate
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  throw new Error(
    'No ../shared/faces/index.csv found above this checkout; set FACECRAFT_FACES to the faces folder.'
  )
}

/** Splits one CSV line (quoted fields may hold commas; "" is a quote). */
export function csvLine(line: string): string[] {
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      out.push(field)
      field = ''
    } else field += ch
  }
  out.push(field)
  return out
}

/** Every row of index.csv. */
export function readIndex(dir = facesDir()): FaceRow[] {
  const [head, ...lines] = readFileSync(join(dir, 'index.csv'), 'utf8').trim().split(/\r?\n/)
  const names = csvLine(head!)
  return lines.map((line) => {
    const cells = csvLine(line)
    const get = (name: string) => cells[names.indexOf(name)] ?? ''
    return {
      file: get('file'),
      set: get('set'),
      split: get('split'),
      person: get('person'),
      expression: get('expression'),
      age: Number(get('age')),
      gender: get('gender'),
      ethnicity: get('ethnicity'),
    }
  })
}

/** The London people (102), in person order, each with both photos. */
export function londonPeople(dir = facesDir()): LondonPerson[] {
  const byPerson = new Map<string, Partial<LondonPerson>>()
  for (const row of readIndex(dir)) {
    if (row.set !== 'london') continue
    const p = byPerson.get(row.person) ?? {
      person: row.person,
      age: row.age,
      gender: row.gender,
      ethnicity: row.ethnicity,
    }
    if (row.expression === 'neutral') p.neutral = join(dir, row.file)
    if (row.expression === 'smiling') p.smiling = join(dir, row.file)
    byPerson.set(row.person, p)
  }
  const people = [...byPerson.values()].filter((p) => p.neutral && p.smiling) as LondonPerson[]
  if (people.length === 0) throw new Error(`No London people with two photos in ${dir}/index.csv.`)
  return people.sort((a, b) => a.person.localeCompare(b.person))
}

/** The first `n` of a seeded shuffle (Fisher-Yates on createRng(seed)): a fixed subset whose prefixes nest. */
export function seededSubset<T>(items: readonly T[], n: number, seed: number): T[] {
  const order = [...items]
  const rng = createRng(seed)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order.slice(0, Math.min(n, order.length))
}

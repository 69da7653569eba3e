/**
 * @module rig/validate — schema validation of characters from untrusted sources (files, the API, share links),
 * reporting every problem at once with its JSON path.
 */
import { RIG_VERSION } from './character.ts'
import { COLORS } from './colors.ts'
import type { Character } from './schema.ts'
import { SLIDERS } from './sliders.ts'
import { STYLES } from './styles.ts'

export type RigIssueCode =
  'wrong-type' | 'missing' | 'unknown-id' | 'out-of-range' | 'unknown-option' | 'unsupported-rig'

/** One problem found in a character, e.g. `{ path: 'sliders.nose.width', code: 'out-of-range', ... }`. */
export interface RigIssue {
  path: string
  code: RigIssueCode
  message: string
}

/** Thrown by validateCharacter; `issues` lists every problem, the message the first few. */
export class RigValidationError extends Error {
  override readonly name = 'RigValidationError'
  constructor(readonly issues: readonly RigIssue[]) {
    const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`)
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
    super(`Invalid character: ${shown.join('; ')}${more}`)
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every problem with `input` as a character of the current rig; empty when it is valid. */
export function checkCharacter(input: unknown): RigIssue[] {
  if (!isRecord(input)) {
    return [{ path: '', code: 'wrong-type', message: 'a character must be a JSON object' }]
  }
  const issues: RigIssue[] = []
  for (const key of Object.keys(input)) {
    if (!['rig', 'sliders', 'colors', 'styles'].includes(key)) {
      issues.push({ path: key, code: 'unknown-id', message: `unknown field '${key}'` })
    }
  }
  if (input.rig === undefined) {
    issues.push({ path: 'rig', code: 'missing', message: `missing; expected ${RIG_VERSION}` })
  } else if (typeof input.rig !== 'number') {
    issues.push({ path: 'rig', code: 'wrong-type', message: 'must be an integer rig version' })
  } else if (input.rig !== RIG_VERSION) {
    issues.push({
      path: 'rig',
      code: 'unsupported-rig',
      message: `made with rig v${input.rig}; this build reads v${RIG_VERSION} (update the app)`,
    })
  }
  const unitIds = (defs: readonly { id: string }[]) => defs.map((d) => d.id)
  checkSection(input, 'sliders', unitIds(SLIDERS), checkUnit, issues)
  checkSection(input, 'colors', unitIds(COLORS), checkUnit, issues)
  checkSection(input, 'styles', unitIds(STYLES), checkStyle, issues)
  return issues
}

type ValueCheck = (value: unknown, path: string, id: string) => RigIssue | null

function checkSection(
  input: Record<string, unknown>,
  section: string,
  ids: readonly string[],
  check: ValueCheck,
  issues: RigIssue[]
): void {
  const values = input[section]
  if (values === undefined) {
    issues.push({
      path: section,
      code: 'missing',
      message: `missing; expected an object of ${ids.length} values`,
    })
    return
  }
  if (!isRecord(values)) {
    issues.push({
      path: section,
      code: 'wrong-type',
      message: 'must be an object keyed by parameter id',
    })
    return
  }
  const known = new Set(ids)
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      issues.push({
        path: `${section}.${key}`,
        code: 'unknown-id',
        message: `no ${section} parameter '${key}' in rig v${RIG_VERSION}`,
      })
    }
  }
  for (const id of ids) {
    const path = `${section}.${id}`
    if (!(id in values)) {
      issues.push({ path, code: 'missing', message: 'missing (createCharacter() fills defaults)' })
      continue
    }
    const issue = check(values[id], path, id)
    if (issue) issues.push(issue)
  }
}

const checkUnit: ValueCheck = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return {
      path,
      code: 'wrong-type',
      message: `must be a finite number in [0, 1], got ${describe(value)}`,
    }
  }
  if (value < 0 || value > 1) {
    return { path, code: 'out-of-range', message: `${value} is outside [0, 1]` }
  }
  return null
}

const checkStyle: ValueCheck = (value, path, id) => {
  const def = STYLES.find((s) => s.id === id)!
  if (typeof value !== 'string') {
    return {
      path,
      code: 'wrong-type',
      message: `must be an option id string, got ${describe(value)}`,
    }
  }
  if (!def.options.some((o) => o.id === value)) {
    const valid = def.options.map((o) => o.id).join(', ')
    return { path, code: 'unknown-option', message: `'${value}' is not one of: ${valid}` }
  }
  return null
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'string' ? `the string '${value.slice(0, 20)}'` : typeof value
}

/** Returns `input` typed as a Character when valid; throws RigValidationError listing every problem. */
export function validateCharacter(input: unknown): Character {
  const issues = checkCharacter(input)
  if (issues.length > 0) throw new RigValidationError(issues)
  return input as Character
}

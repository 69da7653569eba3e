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

/** One rig as the checks see it: its version, its parts, and its own words. */
export interface RigCheckSpec {
  version: number
  sliders: readonly { id: string }[]
  colors: readonly { id: string }[]
  styles: readonly { id: string; options: readonly { id: string }[] }[]
  /** What fills in defaults, named when a value is missing, e.g. 'createCharacter()'. */
  creator: string
  /** The message for a character of another rig version. */
  otherRig(rig: number): string
  /**
   * The optional `detail` field this rig takes (skin detail: the weight count of each basis version it reads, and
   * the weights' range); none in v1.
   */
  detail?: {
    counts: Readonly<Record<number, number>>
    limit: number
    /** The optional residual's text: its length, and whether a text of that length is one (detail/residual). */
    residual?: { chars: number; valid(text: string): boolean }
    /** The optional octave's text (only with a residual): its length, and whether a text is one (detail/octave). */
    octave?: { chars: number; valid(text: string): boolean }
  }
}

const V1: RigCheckSpec = {
  version: RIG_VERSION,
  sliders: SLIDERS,
  colors: COLORS,
  styles: STYLES,
  creator: 'createCharacter()',
  otherRig: (rig) => `made with rig v${rig}; this build reads v${RIG_VERSION} (update the app)`,
}

/** Every problem with `input` as a character of the current rig; empty when it is valid. */
export function checkCharacter(input: unknown): RigIssue[] {
  return checkCharacterFor(input, V1)
}

/** Every problem with `input` as a character of the rig `spec`; empty when it is valid. Shared by rig v1 and v2. */
export function checkCharacterFor(input: unknown, spec: RigCheckSpec): RigIssue[] {
  if (!isRecord(input)) {
    return [{ path: '', code: 'wrong-type', message: 'a character must be a JSON object' }]
  }
  const issues: RigIssue[] = []
  for (const key of Object.keys(input)) {
    if (!['rig', 'sliders', 'colors', 'styles', ...(spec.detail ? ['detail'] : [])].includes(key)) {
      issues.push({ path: key, code: 'unknown-id', message: `unknown field '${key}'` })
    }
  }
  if (input.rig === undefined) {
    issues.push({ path: 'rig', code: 'missing', message: `missing; expected ${spec.version}` })
  } else if (typeof input.rig !== 'number') {
    issues.push({ path: 'rig', code: 'wrong-type', message: 'must be an integer rig version' })
  } else if (input.rig !== spec.version) {
    issues.push({ path: 'rig', code: 'unsupported-rig', message: spec.otherRig(input.rig) })
  }
  const ids = (defs: readonly { id: string }[]) => defs.map((d) => d.id)
  const checkStyle: ValueCheck = (value, path, id) =>
    checkOption(value, path, spec.styles.find((s) => s.id === id)!.options)
  checkSection(input, 'sliders', ids(spec.sliders), checkUnit, spec, issues)
  checkSection(input, 'colors', ids(spec.colors), checkUnit, spec, issues)
  checkSection(input, 'styles', ids(spec.styles), checkStyle, spec, issues)
  if (spec.detail && input.detail !== undefined) checkDetail(input.detail, spec.detail, issues)
  return issues
}

/**
 * The optional skin detail: { basis: a known version, weights: its count of finite numbers within +-limit,
 * residual, octave: optional, their text where the rig takes them (the octave only with a residual) }.
 */
function checkDetail(
  value: unknown,
  spec: NonNullable<RigCheckSpec['detail']>,
  issues: RigIssue[]
): void {
  if (!isRecord(value)) {
    issues.push({
      path: 'detail',
      code: 'wrong-type',
      message: 'must be an object { basis, weights } (or absent)',
    })
    return
  }
  const texts = { residual: spec.residual, octave: spec.octave }
  const fields = [
    'basis',
    'weights',
    ...Object.keys(texts).filter((k) => texts[k as keyof typeof texts]),
  ]
  for (const key of Object.keys(value))
    if (!fields.includes(key))
      issues.push({ path: `detail.${key}`, code: 'unknown-id', message: `unknown field '${key}'` })
  for (const [key, text] of Object.entries(texts)) {
    const t = value[key]
    if (!text || t === undefined) continue
    if (typeof t !== 'string' || !text.valid(t))
      issues.push({
        path: `detail.${key}`,
        code: 'wrong-type',
        message: `must be ${text.chars} base64url characters (the skin detail's ${key}), got ${typeof t === 'string' ? `${t.length} characters${t.length === text.chars ? ' that are not one' : ''}` : describe(t)}`,
      })
  }
  if (spec.octave && value.octave !== undefined && value.residual === undefined)
    issues.push({
      path: 'detail.octave',
      code: 'wrong-type',
      message:
        'comes only with a residual (it is drawn on top of it): remove the octave too, or read the photo again',
    })
  const versions = Object.keys(spec.counts).map(Number)
  const newest = Math.max(...versions)
  const count = typeof value.basis === 'number' ? spec.counts[value.basis] : undefined
  if (count === undefined)
    issues.push({
      path: 'detail.basis',
      code: typeof value.basis === 'number' ? 'unsupported-rig' : 'wrong-type',
      message:
        typeof value.basis === 'number'
          ? `skin-detail basis v${value.basis}; this build reads v${versions.join(', v')} (update the app, or remove the detail)`
          : `must be a skin-detail basis version (${versions.join(', ')}), got ${describe(value.basis)}`,
    })
  const w = value.weights
  // with an unknown basis, the weights are checked against the newest basis's count
  const expected = count ?? spec.counts[newest]!
  if (!Array.isArray(w) || w.length !== expected) {
    issues.push({
      path: 'detail.weights',
      code: 'wrong-type',
      message: `must be an array of ${expected} numbers${count ? ` (basis v${value.basis as number})` : ''}, got ${Array.isArray(w) ? `${w.length}` : describe(w)}`,
    })
    return
  }
  w.forEach((x, i) => {
    const path = `detail.weights.${i}`
    if (typeof x !== 'number' || !Number.isFinite(x))
      issues.push({
        path,
        code: 'wrong-type',
        message: `must be a finite number, got ${describe(x)}`,
      })
    else if (Math.abs(x) > spec.limit)
      issues.push({
        path,
        code: 'out-of-range',
        message: `${x} is outside [-${spec.limit}, ${spec.limit}]`,
      })
  })
}

type ValueCheck = (value: unknown, path: string, id: string) => RigIssue | null

function checkSection(
  input: Record<string, unknown>,
  section: string,
  ids: readonly string[],
  check: ValueCheck,
  spec: RigCheckSpec,
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
        message: `no ${section} parameter '${key}' in rig v${spec.version}`,
      })
    }
  }
  for (const id of ids) {
    const path = `${section}.${id}`
    if (!(id in values)) {
      issues.push({ path, code: 'missing', message: `missing (${spec.creator} fills defaults)` })
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

function checkOption(
  value: unknown,
  path: string,
  options: readonly { id: string }[]
): RigIssue | null {
  if (typeof value !== 'string') {
    return {
      path,
      code: 'wrong-type',
      message: `must be an option id string, got ${describe(value)}`,
    }
  }
  if (!options.some((o) => o.id === value)) {
    const valid = options.map((o) => o.id).join(', ')
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
  return validateFor(input, V1)
}

/** Returns `input` typed as a Character of the rig `spec` when valid; throws RigValidationError otherwise. */
export function validateFor(input: unknown, spec: RigCheckSpec): Character {
  const issues = checkCharacterFor(input, spec)
  if (issues.length > 0) throw new RigValidationError(issues)
  return input as Character
}

/**
 * @module lib/validate — strict validation of JSON request bodies against a flat field table: unknown fields,
 * missing fields and wrong types all become one 400 'invalid-body' listing every problem.
 */
import type { ApiIssue } from '@facecraft/shared/api'
import { apiError } from '../errors.ts'

/** One field of a body schema. */
export type FieldSpec =
  | { type: 'string'; minLength?: number; maxLength: number; pattern?: RegExp; optional?: boolean }
  | { type: 'integer'; min: number; max: number; optional?: boolean }
  /** Any JSON object; checked later by a dedicated validator (e.g. the rig's). */
  | { type: 'object'; optional?: boolean }

export type BodySchema = Record<string, FieldSpec>

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every problem with `value` against `schema` (empty when it conforms). */
export function checkBody(value: unknown, schema: BodySchema): ApiIssue[] {
  if (!isRecord(value)) return [{ path: '', message: 'the body must be a JSON object' }]
  const issues: ApiIssue[] = []
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(schema, key)) issues.push({ path: key, message: `unknown field '${key}'` })
  }
  for (const [key, spec] of Object.entries(schema)) {
    const v = value[key]
    if (v === undefined) {
      if (!spec.optional) issues.push({ path: key, message: 'missing' })
      continue
    }
    const problem = checkField(v, spec)
    if (problem) issues.push({ path: key, message: problem })
  }
  return issues
}

function checkField(v: unknown, spec: FieldSpec): string | null {
  switch (spec.type) {
    case 'string': {
      if (typeof v !== 'string') return 'must be a string'
      const min = spec.minLength ?? 1
      if (v.length < min || v.length > spec.maxLength)
        return `must be ${min} to ${spec.maxLength} characters long`
      if (spec.pattern && !spec.pattern.test(v)) return `must match ${spec.pattern.source}`
      return null
    }
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return 'must be an integer'
      return v < spec.min || v > spec.max ? `must be from ${spec.min} to ${spec.max}` : null
    case 'object':
      return isRecord(v) ? null : 'must be a JSON object'
  }
}

/** Returns `value` typed as `T` when it conforms to `schema`; otherwise throws 400 'invalid-body' with issues. */
export function parseBody<T>(value: unknown, schema: BodySchema): T {
  const issues = checkBody(value, schema)
  if (issues.length) {
    const first = issues[0]!
    const where = first.path ? `'${first.path}' ${first.message}` : first.message
    throw apiError(400, 'invalid-body', `Invalid request body: ${where}.`, { issues })
  }
  return value as T
}

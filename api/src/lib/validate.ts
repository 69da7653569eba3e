/**
 * @module lib/validate — strict validation of JSON request bodies against a flat field table: unknown fields,
 * missing fields and wrong types all become one 400 'invalid-body' listing every problem. Strings must be
 * well-formed Unicode and are returned in NFC (lib/text.ts); lengths are checked on the NFC form.
 */
import type { ApiIssue } from '@facecraft/shared/api'
import { apiError } from '../errors.ts'
import { isInvisible, isWellFormed, nfc, utf8Length } from './text.ts'

/** One field of a body schema. */
export type FieldSpec =
  | {
      type: 'string'
      minLength?: number
      maxLength: number
      /** Most UTF-8 bytes (e.g. emails, which become keys). */
      maxBytes?: number
      pattern?: RegExp
      /** Refuse text that draws nothing (names). */
      visible?: boolean
      optional?: boolean
    }
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
      if (!isWellFormed(v)) return 'must be well-formed Unicode text (it has a lone surrogate)'
      const text = nfc(v)
      const min = spec.minLength ?? 1
      if (text.length < min || text.length > spec.maxLength)
        return `must be ${min} to ${spec.maxLength} characters long`
      if (spec.maxBytes !== undefined && utf8Length(text) > spec.maxBytes)
        return `must be at most ${spec.maxBytes} bytes in UTF-8`
      if (spec.pattern && !spec.pattern.test(text)) return `must match ${spec.pattern.source}`
      if (spec.visible && isInvisible(text)) return 'must contain a visible character'
      return null
    }
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return 'must be an integer'
      return v < spec.min || v > spec.max ? `must be from ${spec.min} to ${spec.max}` : null
    case 'object':
      return isRecord(v) ? null : 'must be a JSON object'
  }
}

/**
 * Returns `value` typed as `T` when it conforms to `schema`, with its string fields in NFC; otherwise throws 400
 * 'invalid-body' with issues.
 */
export function parseBody<T>(value: unknown, schema: BodySchema): T {
  const issues = checkBody(value, schema)
  if (issues.length) {
    const first = issues[0]!
    const where = first.path ? `'${first.path}' ${first.message}` : first.message
    throw apiError(400, 'invalid-body', `Invalid request body: ${where}.`, { issues })
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const [key, spec] of Object.entries(schema)) {
    if (spec.type === 'string' && typeof out[key] === 'string') out[key] = nfc(out[key] as string)
  }
  return out as T
}

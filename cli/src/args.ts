/** @module cli/args — option parsing on node:util's parseArgs, turning its errors into UsageErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './command.ts'

type Options = NonNullable<ParseArgsConfig['options']>

/** Parses `argv` strictly against `options`; unknown or malformed options become a UsageError. */
export function parse<T extends Options>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

/** Reads a numeric option within [min, max] (integers only when `integer`); `undefined` gives `fallback`. */
function numeric(integer: boolean) {
  const kind = integer ? 'an integer' : 'a number'
  return (
    value: string | undefined,
    name: string,
    fallback: number,
    min: number,
    max: number
  ): number => {
    if (value === undefined) return fallback
    const n = Number(value)
    const ok = value.trim() !== '' && (integer ? Number.isInteger(n) : Number.isFinite(n))
    if (!ok || n < min || n > max) {
      throw new UsageError(`--${name} must be ${kind} from ${min} to ${max}, got '${value}'.`)
    }
    return n
  }
}

/** Reads an integer option within [min, max]; `undefined` gives `fallback`. */
export const intOption = numeric(true)

/** Reads a finite number option within [min, max]; `undefined` gives `fallback`. */
export const numberOption = numeric(false)

/** @module cli/suite — eval and bench suites: named runs that print a report and, with --json, one JSON line. */

/** One option a suite declares beyond --quick and --json (`--photos DIR`, `--engine N`, `--all`). */
export interface SuiteFlag {
  type: 'string' | 'boolean'
  /** What the value is, for the usage text (`DIR`, `FILE`, `NAME`); strings only. */
  value?: string
  /** One line for the usage text. */
  description: string
}

/** The values of a suite's own flags, as given (strings unparsed; absent flags are undefined). */
export type SuiteArgs = Readonly<Record<string, string | boolean | undefined>>

/** Options every suite understands, plus the values of its own flags. */
export interface SuiteOptions {
  /** Finish within 60 s on the 2-core reference machine. */
  quick: boolean
  /** Human-readable progress and reports go to stderr; the result JSON is the LAST stdout line. */
  json: boolean
  /** The suite's own flags (see Suite.flags); empty for suites that declare none. */
  args?: SuiteArgs
}

/** A suite returns its figures; keys, once published, keep their names and meanings (DESIGN.md). */
export interface Suite {
  name: string
  summary: string
  /** Flags only this suite takes, by long name without dashes; parsed strictly (unknown flags are errors). */
  flags?: Readonly<Record<string, SuiteFlag>>
  run(options: SuiteOptions): Promise<Record<string, unknown>>
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

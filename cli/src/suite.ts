/** @module cli/suite — eval and bench suites: named runs that print a report and, with --json, one JSON line. */

/** Options every suite understands. */
export interface SuiteOptions {
  /** Finish within 60 s on the 2-core reference machine. */
  quick: boolean
  /** Human-readable progress and reports go to stderr; the result JSON is the LAST stdout line. */
  json: boolean
}

/** A suite returns its figures; keys, once published, keep their names and meanings (DESIGN.md). */
export interface Suite {
  name: string
  summary: string
  run(options: SuiteOptions): Promise<Record<string, unknown>>
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

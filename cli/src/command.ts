/** @module cli/command — what a CLI command is, and the error type that means "the user asked wrongly". */

/** A `facecraft` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string
  summary: string
  usage: string
  run(argv: string[]): Promise<number>
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Prints a progress line that rewrites itself on a terminal and stays quiet in logs/JSON mode. */
export function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`)
}

/**
 * @module cli/main — `facecraft <command> [...]`: dispatches to the command registry and maps errors to exit codes
 * (0 ok, 1 failed, 2 wrong usage).
 */
import { UsageError, type Command } from './command.ts'
import { COMMANDS } from './commands/index.ts'

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return [
    'Usage: facecraft <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    "Run 'facecraft <command> --help' for a command's options.",
  ].join('\n')
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name ? 0 : 2
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name)
  if (!command) {
    console.error(`facecraft: unknown command '${name}'.\n\n${help()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`facecraft ${name}: ${error.message}\n\n${command.usage}`)
      return 2
    }
    console.error(`facecraft ${name}: ${error instanceof Error ? error.message : String(error)}`)
    if (process.env.FACECRAFT_DEBUG && error instanceof Error) console.error(error.stack)
    return 1
  }
}

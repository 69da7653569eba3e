/** @module cli/commands/suites — `facecraft eval SUITE` and `facecraft bench SUITE` over the suite registries. */
import type { ParseArgsConfig } from 'node:util'
import { parseArgs } from 'node:util'
import { parse } from '../args.ts'
import { UsageError, type Command } from '../command.ts'
import type { Suite, SuiteFlag } from '../suite.ts'
import { BENCH_SUITES } from '../bench/index.ts'
import { EVAL_SUITES } from '../eval/index.ts'

type Options = NonNullable<ParseArgsConfig['options']>
const COMMON: Options = { quick: { type: 'boolean' }, json: { type: 'boolean' } }

/** One usage line per flag: `--photos DIR  what it is`. */
function flagLines(flags: Readonly<Record<string, SuiteFlag>>, indent: string): string[] {
  return Object.entries(flags).map(([name, f]) => {
    const head = `--${name}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`
    return `${indent}${head.padEnd(22)} ${f.description}`
  })
}

/** The parseArgs options of a suite: the common two plus its own flags. */
function suiteOptions(suite: Suite): Options {
  const own = Object.fromEntries(
    Object.entries(suite.flags ?? {}).map(([name, f]) => [name, { type: f.type }])
  ) as Options
  return { ...COMMON, ...own }
}

/**
 * The options of every suite together, used only to find the suite's name among argv (so that `--photos DIR`
 * before the name does not read DIR as the name). A flag name two suites declare with different types is a
 * programming error, reported here at startup.
 */
export function unionOptions(suites: readonly Suite[]): Options {
  const union: Options = { ...COMMON }
  for (const suite of suites)
    for (const [name, f] of Object.entries(suite.flags ?? {})) {
      const seen = union[name]
      if (seen && seen.type !== f.type)
        throw new Error(`suite flag --${name} is declared as both ${seen.type} and ${f.type}.`)
      if (name === 'help' || name === 'h') throw new Error(`suite flag --${name} is reserved.`)
      union[name] = { type: f.type }
    }
  return union
}

/** Builds `facecraft eval|bench`: finds the suite, parses its flags strictly, prints its figures. */
export function suiteCommand(
  kind: 'eval' | 'bench',
  suites: readonly Suite[],
  summary: string
): Command {
  const union = unionOptions(suites)
  const width = Math.max(8, ...suites.map((s) => s.name.length))
  const list = suites
    .map((s) =>
      [
        `  ${s.name.padEnd(width)} ${s.summary}`,
        ...flagLines(s.flags ?? {}, ' '.repeat(width + 5)),
      ].join('\n')
    )
    .join('\n')
  const usage = `Usage: facecraft ${kind} SUITE [--quick] [--json] [suite flags]\n\n  --quick  a short run (under 60 s)\n  --json   print the figures as one JSON object on the last line of stdout\n\nSuites (with their own flags):\n${list}`
  return {
    name: kind,
    summary,
    usage,
    async run(argv) {
      // Non-strict pass: only to find the name; the strict pass below reports every mistake.
      const { positionals: found } = parseArgs({
        args: argv,
        options: union,
        allowPositionals: true,
        strict: false,
      })
      const name = found[0]
      if (!name) throw new UsageError('name a suite.')
      const suite = suites.find((s) => s.name === name)
      if (!suite)
        throw new UsageError(
          `unknown ${kind} suite '${name}'; choose one of: ${suites.map((s) => s.name).join(', ')}.`
        )
      let parsed: ReturnType<typeof parse>
      try {
        parsed = parse(argv, suiteOptions(suite), true)
      } catch (error) {
        const own = flagLines(suite.flags ?? {}, '  ')
        const hint = own.length
          ? `\n'${kind} ${name}' takes --quick, --json and:\n${own.join('\n')}`
          : `\n'${kind} ${name}' takes only --quick and --json.`
        const message = (error as Error).message
        const unknown = /Unknown option '([^']+)'/.exec(message)
        throw new UsageError(
          `${unknown ? `'${kind} ${name}' has no flag ${unknown[1]}.` : message}${hint}`
        )
      }
      const { values, positionals } = parsed
      if (positionals.length > 1)
        throw new UsageError(`one suite at a time, got '${positionals.join(' ')}'.`)
      const { quick, json, ...args } = values as Record<string, string | boolean | undefined>
      const result = await suite.run({ quick: !!quick, json: !!json, args })
      if (json) console.log(JSON.stringify(result))
      else
        for (const [key, value] of Object.entries(result))
          console.log(`${key.padEnd(24)} ${JSON.stringify(value)}`)
      return 0
    },
  }
}

export const evalCommand = suiteCommand(
  'eval',
  EVAL_SUITES,
  'measure quality: facecraft eval SUITE [--quick] [--json] [suite flags]'
)
export const benchCommand = suiteCommand(
  'bench',
  BENCH_SUITES,
  'measure speed and size: facecraft bench SUITE [--quick] [--json]'
)

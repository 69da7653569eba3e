/** @module cli/commands/suites — `facecraft eval SUITE` and `facecraft bench SUITE` over the suite registries. */
import { parse } from '../args.ts'
import { UsageError, type Command } from '../command.ts'
import type { Suite } from '../suite.ts'
import { BENCH_SUITES } from '../bench/index.ts'
import { EVAL_SUITES } from '../eval/index.ts'

function suiteCommand(kind: 'eval' | 'bench', suites: readonly Suite[], summary: string): Command {
  const list = suites.map((s) => `  ${s.name.padEnd(8)} ${s.summary}`).join('\n')
  const usage = `Usage: facecraft ${kind} SUITE [--quick] [--json]\n\n  --quick  a short run (under 60 s)\n  --json   print the figures as one JSON object on the last line of stdout\n\nSuites:\n${list}`
  return {
    name: kind,
    summary,
    usage,
    async run(argv) {
      const { values, positionals } = parse(
        argv,
        { quick: { type: 'boolean' }, json: { type: 'boolean' } },
        true
      )
      const [name, ...extra] = positionals
      if (!name) throw new UsageError('name a suite.')
      if (extra.length) throw new UsageError(`one suite at a time, got '${positionals.join(' ')}'.`)
      const suite = suites.find((s) => s.name === name)
      if (!suite)
        throw new UsageError(
          `unknown ${kind} suite '${name}'; choose one of: ${suites.map((s) => s.name).join(', ')}.`
        )
      const result = await suite.run({ quick: !!values.quick, json: !!values.json })
      if (values.json) console.log(JSON.stringify(result))
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
  'measure quality: facecraft eval SUITE [--quick] [--json]'
)
export const benchCommand = suiteCommand(
  'bench',
  BENCH_SUITES,
  'measure speed and size: facecraft bench SUITE [--quick] [--json]'
)

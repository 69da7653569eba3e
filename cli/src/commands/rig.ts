/** @module cli/commands/rig — `facecraft rig [--json]`: prints the creation-parameter schema. */
import { RIG } from '@facecraft/shared/rig'
import { parse } from '../args.ts'
import type { Command } from '../command.ts'

export const rigCommand: Command = {
  name: 'rig',
  summary: 'print the creation-parameter schema (sliders, colours, styles)',
  usage:
    'Usage: facecraft rig [--json]\n\n  --json  the whole schema as one JSON object (DESIGN.md contract)',
  async run(argv) {
    const { values } = parse(argv, { json: { type: 'boolean' } })
    if (values.json) {
      console.log(JSON.stringify(RIG))
      return 0
    }
    console.log(
      `rig v${RIG.version}: ${RIG.continuous.length} sliders, ${RIG.colors.length} colours, ${RIG.discrete.length} styles`
    )
    const groups = new Map<string, string[]>()
    for (const p of [...RIG.continuous, ...RIG.colors, ...RIG.discrete]) {
      groups.set(p.group, [...(groups.get(p.group) ?? []), p.id])
    }
    for (const [group, ids] of groups)
      console.log(`  ${group.padEnd(9)} ${ids.length.toString().padStart(3)}  ${ids.join(' ')}`)
    return 0
  },
}

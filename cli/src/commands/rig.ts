/** @module cli/commands/rig — `facecraft rig [--rig 1|2] [--json]`: prints the creation-parameter schema. */
import { RIG } from '@facecraft/shared/rig'
import { RIG_V2 } from '@facecraft/shared/rig-v2'
import { intOption } from '../args.ts'
import { parse } from '../args.ts'
import type { Command } from '../command.ts'

export const rigCommand: Command = {
  name: 'rig',
  summary: 'print the creation-parameter schema (sliders, colours, styles)',
  usage:
    'Usage: facecraft rig [--rig 1|2] [--json]\n\n  --rig N  the rig version (default 1; 2 is engine v2)\n  --json   the whole schema as one JSON object (DESIGN.md contract)',
  async run(argv) {
    const { values } = parse(argv, { json: { type: 'boolean' }, rig: { type: 'string' } })
    const RIG_ = intOption(values.rig, 'rig', 1, 1, 2) === 2 ? RIG_V2 : RIG
    if (values.json) {
      console.log(JSON.stringify(RIG_))
      return 0
    }
    console.log(
      `rig v${RIG_.version}: ${RIG_.continuous.length} sliders, ${RIG_.colors.length} colours, ${RIG_.discrete.length} styles`
    )
    const groups = new Map<string, string[]>()
    for (const p of [...RIG_.continuous, ...RIG_.colors, ...RIG_.discrete]) {
      groups.set(p.group, [...(groups.get(p.group) ?? []), p.id])
    }
    for (const [group, ids] of groups)
      console.log(`  ${group.padEnd(9)} ${ids.length.toString().padStart(3)}  ${ids.join(' ')}`)
    return 0
  },
}

/**
 * @file Writes shared/src/create/lips-table.json: the engine's rendered lips-minus-skin contrast for every lipstick
 * over the skin-tone range (cli/src/eval/lips-table.ts). Usage: npx tsx cli/scripts/lips-table.ts   (about a minute)
 */
import { writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import { measureLipsTable } from '../src/eval/lips-table.ts'

const table = await measureLipsTable()
const file = new URL('../../shared/src/create/lips-table.json', import.meta.url)
const config = await resolveConfig(file.pathname)
writeFileSync(file, await format(JSON.stringify(table), { ...config, parser: 'json' })) // as `npm run format` keeps it
console.log(`wrote ${file.pathname}`)

/**
 * @file Writes shared/src/create/skin-table.json: the engine's rendered skin colours (cli/src/eval/skin-table.ts).
 * Usage: npx tsx cli/scripts/skin-table.ts   (about a minute)
 */
import { writeFileSync } from 'node:fs'
import { format } from 'prettier'
import { measureSkinTable } from '../src/eval/skin-table.ts'

const table = await measureSkinTable()
const file = new URL('../../shared/src/create/skin-table.json', import.meta.url)
writeFileSync(file, await format(JSON.stringify(table), { parser: 'json' })) // as `npm run format` keeps it
console.log(`wrote ${file.pathname}`)

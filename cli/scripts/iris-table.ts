/**
 * @file Writes shared/src/create/iris-table.json: the engine's rendered iris colours (cli/src/eval/iris-table.ts).
 * Usage: npx tsx cli/scripts/iris-table.ts   (about a minute)
 */
import { writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import { measureIrisTable } from '../src/eval/iris-table.ts'

const table = await measureIrisTable()
const file = new URL('../../shared/src/create/iris-table.json', import.meta.url)
const config = await resolveConfig(file.pathname)
writeFileSync(file, await format(JSON.stringify(table), { ...config, parser: 'json' })) // as `npm run format` keeps it
console.log(`wrote ${file.pathname}`)

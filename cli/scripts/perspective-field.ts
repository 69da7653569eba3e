/**
 * @file Writes shared/src/create/perspective-field.json: how a near camera moves the translator's points
 * (cli/src/eval/perspective-field.ts). Usage: npx tsx cli/scripts/perspective-field.ts   (about two minutes)
 */
import { writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import { measurePerspectiveField } from '../src/eval/perspective-field.ts'

const table = await measurePerspectiveField()
const file = new URL('../../shared/src/create/perspective-field.json', import.meta.url)
const config = await resolveConfig(file.pathname)
writeFileSync(file, await format(JSON.stringify(table), { ...config, parser: 'json' })) // as `npm run format` keeps it
console.log(
  `wrote ${file.pathname}: reference ${table.referenceCm} cm, eye span ${table.eyeSpanCm} cm`
)

/**
 * @file The held-out set docs/likeness.md measures beside London: the 84 train-split photos translator training
 * holds out (models/translator/photo-holdout.json), linked into one flat folder for `eval likeness --photos`
 * (each photo creates and is ranked against the others). Their names are the eval's (set_file.jpg). The released
 * skin-detail basis was built from every train photo, these included, so a fair run reads the detail through a
 * basis built without them; the script prints both commands.
 * Usage (repository root): npx tsx cli/scripts/holdout-set.ts --out DIR [--basis DIR]
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { SKIN_DETAIL_VERSION } from '@facecraft/shared/detail'
import { facesDir } from '../src/eval/london.ts'

const { values } = parseArgs({ options: { out: { type: 'string' }, basis: { type: 'string' } } })
if (!values.out) throw new Error('Usage: holdout-set.ts --out DIR [--basis DIR]')
const list = new URL('../../models/translator/photo-holdout.json', import.meta.url)
const { files } = JSON.parse(readFileSync(list, 'utf8')) as { files: string[] }
const faces = facesDir()
const out = resolve(values.out)
mkdirSync(out, { recursive: true })
for (const file of files) {
  const source = join(faces, file)
  if (!existsSync(source)) throw new Error(`${source} is missing: is ../shared/faces complete?`)
  const link = join(out, file.replace('/', '_'))
  if (!existsSync(link)) symlinkSync(source, link)
}
const basis = resolve(values.basis ?? `${out}-basis`)
console.log(`linked ${files.length} held-out photos in ${out}. Then:
  npx tsx models/detail/build.ts --exclude ${out} --out ${basis}   # about 4 min
  FACECRAFT_SKIN_DETAIL=${basis}/skin-detail-v${SKIN_DETAIL_VERSION}.bin npx facecraft eval likeness --photos ${out} --methods translator,refined --json --report NAME`)

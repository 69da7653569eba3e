/**
 * @file Builds the engine v2 head asset pack (shared/assets/head-v2/head-v2.bin) from the CC0 MakeHuman data.
 * Our own converter, written from the file formats (.obj, .target, .mhclo, modeling_modifiers.json); no
 * MakeHuman program code. Deterministic: the same data gives the same bytes (tested by build-assets.test.ts).
 *
 * Usage: npm run build:assets -w @facecraft/shared [-- --data DIR] [-- --out FILE] [-- --check]
 * The data folder defaults to $FACECRAFT_MAKEHUMAN, else the `shared/makehuman` folder beside the main checkout
 * (the parent of the git common dir's parent, so it works from any worktree). --check rebuilds in memory and
 * exits 1 when the committed pack differs.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants } from 'node:zlib'
import { format, resolveConfig } from 'prettier'
import { buildPack, faceSliderSource } from './head-pack/build.ts'

const here = dirname(fileURLToPath(import.meta.url))

/** The MakeHuman data folder: --data, $FACECRAFT_MAKEHUMAN, or <parent of the main checkout>/shared/makehuman. */
export function makehumanDir(argv: string[] = process.argv): string | null {
  const flag = argv.indexOf('--data')
  if (flag >= 0 && argv[flag + 1]) return resolve(argv[flag + 1]!)
  if (process.env.FACECRAFT_MAKEHUMAN) return resolve(process.env.FACECRAFT_MAKEHUMAN)
  try {
    const common = execFileSync(
      'git',
      ['rev-parse', '--path-format=absolute', '--git-common-dir'],
      {
        cwd: here,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }
    ).trim()
    // <main checkout>/.git -> <main checkout> -> its parent, where the data folder `shared` sits.
    const dir = join(dirname(dirname(common)), 'shared', 'makehuman')
    return existsSync(dir) ? dir : null
  } catch {
    return null
  }
}

/** Where the committed pack lives. */
export const PACK_PATH = resolve(here, '../assets/head-v2/head-v2.bin')
/** Where the generated face slider table lives. */
export const FACE_SLIDERS_PATH = resolve(here, '../src/rig/v2/face-sliders.gen.ts')

async function main(): Promise<void> {
  const argv = process.argv
  const data = makehumanDir(argv)
  if (!data || !existsSync(join(data, 'data', '3dobjs', 'base.obj'))) {
    console.error(
      'MakeHuman data not found: pass --data DIR or set FACECRAFT_MAKEHUMAN to the folder holding data/ and assets/.'
    )
    process.exit(2)
  }
  const outFlag = argv.indexOf('--out')
  const out = outFlag >= 0 && argv[outFlag + 1] ? resolve(argv[outFlag + 1]!) : PACK_PATH
  const t0 = Date.now()
  const bytes = buildPack(data)
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length
  // Formatted like every committed source file (prettier --check runs over the repo).
  const sliders = await format(faceSliderSource(data), {
    ...(await resolveConfig(FACE_SLIDERS_PATH)),
    filepath: FACE_SLIDERS_PATH,
  })
  if (argv.includes('--check')) {
    const same =
      existsSync(out) &&
      Buffer.compare(readFileSync(out), Buffer.from(bytes)) === 0 &&
      readFileSync(FACE_SLIDERS_PATH, 'utf8') === sliders
    console.log(`${same ? 'identical' : 'DIFFERENT'}: ${out}, ${FACE_SLIDERS_PATH}`)
    process.exit(same ? 0 : 1)
  }
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, bytes)
  mkdirSync(dirname(FACE_SLIDERS_PATH), { recursive: true })
  writeFileSync(FACE_SLIDERS_PATH, sliders)
  console.log(
    `wrote ${out}: ${bytes.length} bytes, ${brotli} brotli, in ${((Date.now() - t0) / 1000).toFixed(1)} s`
  )
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()

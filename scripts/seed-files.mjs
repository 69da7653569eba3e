#!/usr/bin/env node
/**
 * @file Fills the Worker's FILES R2 bucket (wrangler.toml) with what api/src/routes/files.ts serves:
 *   models/<path>          every file of a model release directory (default models/release: manifest, .onnx, cards)
 *   ort/<version>/<file>   onnxruntime-web's WebGPU runtime (.mjs + .wasm, 27 MB: over the static-asset limit)
 * with `wrangler r2 bulk put`. Locally (default) into wrangler's local R2 under --persist-to (default
 * .wrangler/state, what `wrangler dev` uses): `npm start` and the test harnesses run this before starting the
 * Worker, and a persist directory already holding the same files (names, sizes, times) is left alone. With
 * --remote, into the deployed bucket (docs/api.md, "Deploy").
 *
 *   node scripts/seed-files.mjs [--persist-to DIR] [--models DIR [--release NAME]] [--remote] [--bucket NAME]
 *
 * --release NAME puts the models directory under models/releases/NAME/ (a kept or candidate release, docs/api.md
 * "Model rollout") instead of models/ (the bundled release).
 */
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')
const ORT_DIST = join(ROOT, 'node_modules/onnxruntime-web/dist')
/** The WebGPU build's runtime files (onnxruntime-web/webgpu loads them from env.wasm.wasmPaths). */
export const ORT_WEBGPU_FILES = [
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
]
const STAMP = 'facecraft-files.json'

/** The installed onnxruntime-web version: the runtime's path segment (the app asks `ort.env.versions.web`). */
export function ortVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules/onnxruntime-web/package.json'), 'utf8'))
    .version
}

/** Every regular, non-hidden file under `dir`, as paths relative to it with `/` separators. */
function filesUnder(dir) {
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...filesUnder(path).map((p) => `${entry.name}/${p}`))
    else if (entry.isFile()) out.push(entry.name)
  }
  return out
}

/**
 * The bucket's entries `{ key, file }` for a model release directory (under models/, or models/releases/<release>/
 * when `release` is given) and the installed WebGPU runtime.
 */
export function fileEntries(modelsDir = join(ROOT, 'models/release'), release = undefined) {
  if (release !== undefined && !/^[A-Za-z0-9][\w.-]{0,63}$/.test(release)) {
    throw new Error(`seed-files: '${release}' cannot name a release (letters, digits, . _ -)`)
  }
  const prefix = release ? `models/releases/${release}/` : 'models/'
  const models = existsSync(modelsDir)
    ? filesUnder(modelsDir).map((p) => ({ key: `${prefix}${p}`, file: join(modelsDir, p) }))
    : []
  const version = ortVersion()
  const ort = ORT_WEBGPU_FILES.map((name) => ({
    key: `ort/${version}/${name}`,
    file: join(ORT_DIST, name),
  }))
  return [...models, ...ort]
}

function wrangler(args) {
  execFileSync(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  })
}

/**
 * Uploads the entries. Local: skipped when `persistTo` already holds these exact files (its stamp matches).
 * Returns the number of files uploaded (0 when skipped).
 */
export function seedFiles({
  persistTo,
  modelsDir,
  release,
  remote = false,
  bucket = 'facecraft-files',
} = {}) {
  const entries = fileEntries(modelsDir, release)
  const missing = entries.filter((e) => !existsSync(e.file)).map((e) => relative(ROOT, e.file))
  if (missing.length) throw new Error(`seed-files: missing ${missing.join(', ')} (run npm ci)`)
  const state = persistTo ?? join(ROOT, '.wrangler/state')
  const stamp = JSON.stringify(
    entries.map((e) => [e.key, statSync(e.file).size, statSync(e.file).mtimeMs])
  )
  const stampFile = join(state, STAMP)
  if (!remote && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return 0
  const dir = mkdtempSync(join(tmpdir(), 'facecraft-files-'))
  try {
    const list = join(dir, 'entries.json')
    writeFileSync(list, JSON.stringify(entries.map(({ key, file }) => ({ key, file }))))
    const where = remote ? ['--remote'] : ['--local', '--persist-to', state]
    wrangler(['r2', 'bulk', 'put', bucket, '--filename', list, '--force', ...where])
  } catch (error) {
    const stderr = error?.stderr?.toString() ?? ''
    throw new Error(`seed-files: wrangler r2 bulk put failed:\n${stderr || error}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  if (!remote) writeFileSync(stampFile, stamp)
  return entries.length
}

function option(args, name) {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

// Imported by tests: only the script run as `node scripts/seed-files.mjs` uploads anything.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const started = Date.now()
  const models = option(args, 'models')
  const persist = option(args, 'persist-to')
  const count = seedFiles({
    persistTo: persist && resolve(persist),
    modelsDir: models && resolve(models),
    release: option(args, 'release'),
    remote: args.includes('--remote'),
    bucket: option(args, 'bucket') ?? 'facecraft-files',
  })
  const where = args.includes('--remote') ? 'the deployed bucket' : (persist ?? '.wrangler/state')
  console.log(
    count
      ? `seed-files: ${count} files into ${where} in ${Date.now() - started} ms`
      : `seed-files: ${where} already holds these files`
  )
}

#!/usr/bin/env node
/**
 * @file `npm start`: builds the PWA when the pwa workspace has a build script, makes sure `.dev.vars` holds a
 * local TOKEN_SECRET (generated once; .dev.vars is gitignored), puts models/release and the WebGPU runtime into
 * the local R2 bucket (scripts/seed-files.mjs; skipped when unchanged), then runs the Worker with
 * `wrangler dev --local --ip 127.0.0.1 --port 8787` (embedded KV and Durable Objects: no account, no network).
 * Extra arguments go to wrangler; `--port N` / `--ip A` among them replace the defaults (wrangler refuses an
 * option given twice). Ctrl-C (or SIGTERM) is forwarded to wrangler, and this process exits with wrangler's status.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedFiles } from './seed-files.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DEV_VARS = join(ROOT, '.dev.vars')
const PORT = process.env.PORT ?? '8787'

/**
 * wrangler's arguments: `--ip 127.0.0.1 --port PORT` unless the user's own arguments name them (as `--port N` or
 * `--port=N`), then the user's arguments unchanged.
 */
export function wranglerArgs(userArgs, port = PORT) {
  const has = (name) => userArgs.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  return [
    'dev',
    '--local',
    ...(has('ip') ? [] : ['--ip', '127.0.0.1']),
    ...(has('port') ? [] : ['--port', port]),
    ...userArgs,
  ]
}

/** Builds pwa/dist if the PWA has a build script; a failed build is reported, and the API still starts. */
function buildPwa() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'pwa/package.json'), 'utf8'))
  if (!pkg.scripts?.build) return
  console.log('start: building the PWA (npm run build -w @facecraft/pwa)...')
  const result = spawnSync('npm', ['run', 'build', '-w', '@facecraft/pwa'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0)
    console.error('start: the PWA build failed; serving the API without a fresh app.')
}

/** Writes a random TOKEN_SECRET into .dev.vars when none is there (never printed). */
function ensureDevVars() {
  const text = existsSync(DEV_VARS) ? readFileSync(DEV_VARS, 'utf8') : ''
  if (/^TOKEN_SECRET\s*=/m.test(text)) return
  const line = `TOKEN_SECRET="${randomBytes(32).toString('base64url')}"\n`
  writeFileSync(DEV_VARS, (text && !text.endsWith('\n') ? text + '\n' : text) + line, {
    mode: 0o600,
  })
  console.log('start: wrote a new local TOKEN_SECRET to .dev.vars')
}

// Imported by its test: only the script run as `node scripts/start.mjs` starts anything.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()

/** The state directory wrangler will use: `--persist-to DIR` among the user's arguments, else its default. */
export function persistDir(userArgs) {
  const i = userArgs.findIndex((a) => a === '--persist-to' || a.startsWith('--persist-to='))
  if (i < 0) return join(ROOT, '.wrangler/state')
  const value = userArgs[i].includes('=') ? userArgs[i].split('=')[1] : userArgs[i + 1]
  return resolve(value)
}

function main() {
  buildPwa()
  ensureDevVars()
  const persist = persistDir(process.argv.slice(2))
  const count = seedFiles({ persistTo: persist })
  console.log(
    count
      ? `start: put ${count} model and runtime files into the local R2 bucket (${persist})`
      : 'start: the local R2 bucket already holds the current model and runtime files'
  )
  // wrangler refuses a missing assets directory; an empty one just serves no app.
  mkdirSync(join(ROOT, 'pwa/dist'), { recursive: true })
  if (!existsSync(join(ROOT, 'pwa/dist/index.html'))) {
    console.log('start: pwa/dist has no app build; only the API will answer.')
  }

  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), ...wranglerArgs(process.argv.slice(2))],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    }
  )
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal)
    })
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

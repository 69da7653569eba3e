/**
 * @module test/harness/worker — runs the real app as users get it: `wrangler dev --local` serving the built PWA
 * (pwa/dist) and the API on a free 127.0.0.1 port, with fresh local storage, and always stops it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'

/** The repository root (this file is test/src/harness/worker.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..')
const WRANGLER = join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js')
/** Longest wait for wrangler to answer, ms (it is ready in ~4 s here; CI machines are slower). */
const READY_TIMEOUT_MS = 60_000

export interface RunningWorker {
  origin: string
  stop(): Promise<void>
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * Builds the PWA (`npm run build -w @facecraft/pwa`); throws with the build output on failure.
 * FACECRAFT_PWA_PREBUILT=1 skips it and uses pwa/dist as it is (when iterating on tests alone).
 */
export function buildPwa(): void {
  if (
    process.env.FACECRAFT_PWA_PREBUILT === '1' &&
    existsSync(join(REPO_ROOT, 'pwa/dist/index.html'))
  )
    return
  const result = spawnSync('npm', ['run', 'build', '-w', '@facecraft/pwa'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`PWA build failed:\n${result.stdout}\n${result.stderr}`)
  }
}

/** Starts wrangler dev on a free port with its own empty state directory; resolves once it answers. */
export async function startWorker(): Promise<RunningWorker> {
  if (!existsSync(join(REPO_ROOT, 'pwa/dist/index.html'))) buildPwa()
  const [port, inspector] = [await freePort(), await freePort()]
  const state = mkdtempSync(join(tmpdir(), 'facecraft-wrangler-'))
  const args = [
    WRANGLER,
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    '--persist-to',
    state,
    '--show-interactive-dev-session=false',
    '--log-level',
    'warn',
    '--var',
    `TOKEN_SECRET:${randomBytes(32).toString('hex')}`,
    '--var',
    `APP_ORIGIN:http://127.0.0.1:${port}`,
  ]
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      CI: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()))
  const origin = `http://127.0.0.1:${port}`
  const stop = async () => {
    await kill(child)
    rmSync(state, { recursive: true, force: true })
  }
  try {
    await waitForHttp(`${origin}/v1/models/manifest?variant=wasm`, child, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return { origin, stop }
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited (${child.exitCode}):\n${log()}`)
    try {
      await fetch(url)
      return
    } catch {
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  throw new Error(`wrangler dev did not answer within ${READY_TIMEOUT_MS / 1000} s:\n${log()}`)
}

/** Stops wrangler by its own PID (SIGTERM, then SIGKILL after 5 s); it takes workerd down with it. */
function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(force)
      done()
    })
    child.kill('SIGTERM')
  })
}

/**
 * @module api/test/wrangler-dev — starts the real Worker under `wrangler dev --local` (workerd, embedded KV and
 * Durable Objects, no account, no network) on a free 127.0.0.1 port with a fresh state directory, and stops
 * it. Used by the workerd test suite's globalSetup and by `facecraft bench api`.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** Static assets with a stand-in shell and two model releases, so tests do not depend on the model build. */
export const FIXTURE_ASSETS = join(REPO_ROOT, 'api/test/fixtures/assets')

export interface DevServerOptions {
  /** Worker vars (`--var K:V`); TOKEN_SECRET defaults to a fresh random one. */
  vars?: Record<string, string>
  /** Static assets directory. */
  assets?: string
  /** Give up if not ready in this many ms. */
  readyTimeoutMs?: number
}

export interface DevServer {
  /** e.g. 'http://127.0.0.1:41234' */
  url: string
  /** Stops wrangler and workerd and deletes the state directory. */
  stop(): Promise<void>
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail()))
    })
  })
}

/** Starts `wrangler dev` and resolves once it answers HTTP. */
export async function startWranglerDev({
  vars = {},
  assets = FIXTURE_ASSETS,
  readyTimeoutMs = 60_000,
}: DevServerOptions = {}): Promise<DevServer> {
  const port = await freePort()
  const state = mkdtempSync(join(tmpdir(), 'facecraft-api-'))
  const allVars = { TOKEN_SECRET: randomBytes(32).toString('base64url'), ...vars }
  const args = [
    join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js'),
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--assets',
    assets,
    '--persist-to',
    state,
    '--show-interactive-dev-session=false',
    // wrangler's default log level prints a line per request from its Node process: ~1.3 ms of CPU per request
    // on this machine (measured, docs/api.md "Where the time goes"), competing with workerd for the 2 cores.
    '--log-level',
    'warn',
    ...Object.entries(allVars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ]
  // detached: wrangler gets its own process group, so stop() ends workerd with it and nothing else.
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  })
  let log = ''
  child.stdout.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)))
  child.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(state, { recursive: true, force: true })
  }
  const deadline = Date.now() + readyTimeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(`${url}/v1/unknown-route`)
      if (res.status === 404) return { url, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`wrangler dev did not become ready on ${url}:\n${log}`)
}

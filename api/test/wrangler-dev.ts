/**
 * @module api/test/wrangler-dev — the one launcher of `wrangler dev --local` in the repo (workerd, embedded KV
 * and Durable Objects, no account, no network): starts the real Worker on a free 127.0.0.1 port with its own
 * state directory (its local R2 filled by scripts/seed-files.mjs), and stops it. Also seeds that state with wrangler's own local KV commands, so tests can set
 * up what only an operator or time can (a rollout config, an expired share) without a backdoor in the Worker.
 * Used by the workerd test suite, `facecraft bench api` and the end-to-end harness (test/src/harness).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const WRANGLER = join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js')
/** Static assets with a stand-in shell, so tests do not depend on the PWA build. */
export const FIXTURE_ASSETS = join(REPO_ROOT, 'api/test/fixtures/assets')
/** Model releases for the FILES bucket: manifests of three releases, so tests do not depend on the model build. */
export const FIXTURE_MODELS = join(REPO_ROOT, 'api/test/fixtures/models')
/** The models directory of the real release (what `npm start` and the app harness serve). */
export const RELEASE_MODELS = join(REPO_ROOT, 'models/release')
const SEED_FILES = join(REPO_ROOT, 'scripts/seed-files.mjs')
/** Keeps wrangler off the network and quiet about metrics, for dev and for the local KV commands alike. */
const WRANGLER_ENV = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }

export interface DevServerOptions {
  /**
   * Worker vars (`--var K:V`, over wrangler.toml [vars]); TOKEN_SECRET defaults to a fresh random one and
   * APP_ORIGIN stays wrangler.toml's unless given here.
   */
  vars?: Record<string, string>
  /** Static assets directory (default: the API's test fixtures; the app harness passes pwa/dist). */
  assets?: string
  /**
   * Model release directory put into the local FILES bucket (as `models/...`, with the WebGPU runtime as
   * `ort/<version>/...`) by scripts/seed-files.mjs before the Worker starts. Default: the API's fixture
   * releases; the app harness passes {@link RELEASE_MODELS}.
   */
  models?: string
  /** Give up if not ready in this many ms. */
  readyTimeoutMs?: number
  /** Listen on this 127.0.0.1 port (e.g. to set APP_ORIGIN to it beforehand); default: a free one. */
  port?: number
  /**
   * State directory (KV, Durable Objects) to use, e.g. one seeded with {@link putLocalKv} first. Kept on stop
   * (its creator removes it); by default a fresh temporary one is made and deleted on stop.
   */
  persistTo?: string
  /** Extra environment for the wrangler process (merged over this process's). */
  env?: Record<string, string>
  /** wrangler's `--log-level` (default 'warn': the default prints a line per request, ~1.3 ms of CPU each). */
  logLevel?: 'debug' | 'info' | 'log' | 'warn' | 'error' | 'none'
  /**
   * How many times to start wrangler again, on the same port, state and vars, when it exits on its own (default 0).
   * Why: a whole suite shares one dev server, and once under a loaded CI its esbuild watcher died ("all goroutines
   * are asleep - deadlock!"), so every later file failed with ERR_CONNECTION_REFUSED; restarted, the test running
   * then may fail, the files after it do not.
   */
  restarts?: number
}

export interface DevServer {
  /** e.g. 'http://127.0.0.1:41234' */
  url: string
  /** The port of `url`. */
  port: number
  /** The state directory in use: pass it to {@link putLocalKv} / {@link deleteLocalKv} while running. */
  persistDir: string
  /** Stops wrangler and workerd and deletes the state directory (unless it was given as `persistTo`). */
  stop(): Promise<void>
  /** The process id of the wrangler now running (a restart starts another). */
  pid(): number | undefined
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.unref()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail()))
    })
  })
}

/** How many ports startWranglerDev tries when the one freePort gave was taken before wrangler could bind it. */
const PORT_ATTEMPTS = 3
/** wrangler's message when its port is taken. */
const PORT_TAKEN = 'Address already in use'

/**
 * Starts `wrangler dev` and resolves once it answers HTTP. Without a fixed port, a port taken between freePort()
 * and wrangler's bind (suites start dev servers side by side: once in CI another process took the free port first)
 * is retried on another.
 */
export async function startWranglerDev(options: DevServerOptions = {}): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options)
    } catch (e) {
      const taken = e instanceof Error && e.message.includes(PORT_TAKEN)
      if (!taken || options.port !== undefined || attempt >= PORT_ATTEMPTS) throw e
    }
  }
}

/** One start of `wrangler dev` (startWranglerDev). */
async function startOnce({
  vars = {},
  assets = FIXTURE_ASSETS,
  models = FIXTURE_MODELS,
  readyTimeoutMs = 60_000,
  persistTo,
  env = {},
  logLevel = 'warn',
  port: fixedPort,
  restarts = 0,
}: DevServerOptions = {}): Promise<DevServer> {
  const port = fixedPort ?? (await freePort())
  // Its own inspector port too: wrangler's default (9229) collides when two dev servers run at once.
  const inspectorPort = await freePort()
  const state = persistTo ?? mkdtempSync(join(tmpdir(), 'facecraft-api-'))
  await seedFiles(state, models)
  // Fixed here, not per launch: a restarted Worker must accept the tokens the previous one issued.
  const allVars = { TOKEN_SECRET: randomBytes(32).toString('base64url'), ...vars }
  const args = [
    WRANGLER,
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--assets',
    assets,
    '--persist-to',
    state,
    '--show-interactive-dev-session=false',
    // wrangler's default log level prints a line per request from its Node process: ~1.3 ms of CPU per request
    // on this machine (measured, docs/api.md "Where the time goes"), competing with workerd for the 2 cores.
    '--log-level',
    logLevel,
    ...Object.entries(allVars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ]
  const url = `http://127.0.0.1:${port}`
  let stopping = false
  let restartsLeft = restarts
  let started = false
  let current: { child: ChildProcess; exited: Promise<void>; log: () => string }

  /** Ends a wrangler process group (wrangler and its workerd) and waits for wrangler's exit. */
  const end = async ({ child, exited }: typeof current) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      const timer = setTimeout(() => child.pid && killGroup(child.pid), 5000)
      await exited
      clearTimeout(timer)
    }
  }

  /** Spawns wrangler; on an exit nobody asked for, says so and starts it again while restarts are left. */
  const launch = () => {
    // detached: wrangler gets its own process group, so stopping it ends workerd with it and nothing else.
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...WRANGLER_ENV, ...env },
    })
    let log = ''
    child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)))
    child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8000)))
    const exited = new Promise<void>((done) =>
      child.once('exit', (code, signal) => {
        done()
        if (stopping) return
        // A dev server that dies under a long test run refuses every later request ("ERR_CONNECTION_REFUSED" in
        // all the files after it): say so once, with why and its last words, so the failures point here.
        console.error(
          `wrangler dev on ${url} exited on its own (code ${code}, signal ${signal}); its last output:\n${log}`
        )
        // Restarts serve a server that was up (one that never came up is an error of its own, thrown below).
        if (!started || restartsLeft <= 0 || !child.pid) return
        restartsLeft--
        killGroup(child.pid) // a workerd left behind would hold the port
        console.error(`starting wrangler dev on ${url} again (${restartsLeft} restart(s) left)`)
        const next = launch()
        current = next
        void untilReady(next.child).then((ready) => {
          if (!ready && !stopping)
            console.error(`wrangler dev on ${url} did not come back:\n${next.log()}`)
        })
      })
    )
    return { child, exited, log: () => log }
  }

  /** Until the Worker answers (true), wrangler exits or the time is up (false). */
  const untilReady = (child: ChildProcess) =>
    waitForWorker(
      url,
      readyTimeoutMs,
      () => stopping || child.exitCode !== null || child.signalCode !== null
    )

  const stop = async () => {
    stopping = true
    await end(current)
    if (!persistTo) rmSync(state, { recursive: true, force: true })
  }

  const first = launch()
  current = first
  if (await untilReady(first.child)) {
    started = true
    return { url, port, persistDir: state, stop, pid: () => current.child.pid }
  }
  const log = first.log()
  await stop()
  throw new Error(`wrangler dev did not become ready on ${url}:\n${log}`)
}

/**
 * Polls `url` until its Worker answers (true: any unknown route's 404), `giveUp()` says stop or `ms` pass (false).
 */
export async function waitForWorker(
  url: string,
  ms: number,
  giveUp: () => boolean = () => false
): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline && !giveUp()) {
    try {
      const res = await fetch(`${url}/v1/unknown-route`)
      if (res.status === 404) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

/** SIGKILL to a process group, if it is still there. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Runs the project's seed script (the one `npm start` runs) into a state directory's local R2. */
function seedFiles(persistDir: string, models: string): Promise<void> {
  const args = [SEED_FILES, '--persist-to', persistDir, '--models', models]
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      args,
      { cwd: REPO_ROOT, env: { ...process.env, ...WRANGLER_ENV }, timeout: 120_000 },
      (err, stdout, stderr) =>
        err ? fail(new Error(`seeding the FILES bucket failed:\n${stdout}\n${stderr}`)) : done()
    )
  })
}

/** One KV entry for {@link putLocalKv}: `expiration` is seconds since the epoch, as in KV itself. */
export interface LocalKvEntry {
  key: string
  value: string
  expiration?: number
}

const KV_ATTEMPTS = 3
const KV_ATTEMPT_MS = 30_000
/**
 * The test timeout of a suite that uses the local KV CLI (putLocalKv, getLocalKv, deleteLocalKv*): one call may
 * take every attempt, and a test makes a few requests besides. Why: tests kept vitest's 20 s (or a 60 s) timeout
 * while one stalled call retried for up to 90 s, and failed in CI although the retry then went through.
 */
export const KV_CLI_TIMEOUT = KV_ATTEMPTS * KV_ATTEMPT_MS + 30_000

/**
 * Runs `wrangler kv ... --local --persist-to <dir> --binding DATA` (the Worker's namespace in wrangler.toml).
 * Every use here is idempotent (bulk put/delete, key get/delete), so a run that stalls is killed after 30 s and
 * run again: with the Worker running beside it under a loaded CI, wrangler's local KV CLI has stalled past 60 s
 * a few times (never in the Worker itself), and a second run went through.
 */
async function wranglerKv(persistDir: string, args: string[]): Promise<string> {
  const all = [WRANGLER, 'kv', ...args, '--local', '--persist-to', persistDir, '--binding', 'DATA']
  const once = () =>
    new Promise<string>((done, fail) => {
      execFile(
        process.execPath,
        all,
        { cwd: REPO_ROOT, env: { ...process.env, ...WRANGLER_ENV }, timeout: KV_ATTEMPT_MS },
        (err, stdout, stderr) =>
          err
            ? fail(new Error(`wrangler kv ${args[0]} ${args[1]} failed:\n${stdout}\n${stderr}`))
            : done(stdout)
      )
    })
  for (let i = 1; ; i++) {
    try {
      return await once()
    } catch (err) {
      if (i >= KV_ATTEMPTS) throw err
    }
  }
}

/**
 * Writes entries into the local KV of a state directory with `wrangler kv bulk put --local`: what an operator
 * does with `wrangler kv key put` in production. Works before the Worker starts and while it runs.
 */
export async function putLocalKv(persistDir: string, entries: LocalKvEntry[]): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'facecraft-kv-')), 'entries.json')
  writeFileSync(file, JSON.stringify(entries))
  try {
    await wranglerKv(persistDir, ['bulk', 'put', file])
  } finally {
    rmSync(dirname(file), { recursive: true, force: true })
  }
}

/** Reads one key from the local KV of a state directory (`wrangler kv key get --local`); null when absent. */
export function getLocalKv(persistDir: string, key: string): Promise<string | null> {
  return wranglerKv(persistDir, ['key', 'get', key]).then((out) =>
    out.trim() === 'Value not found' ? null : out
  )
}

/** Deletes one key from the local KV of a state directory (`wrangler kv key delete --local`). */
export async function deleteLocalKv(persistDir: string, key: string): Promise<void> {
  await wranglerKv(persistDir, ['key', 'delete', key])
}

/** Deletes many keys from the local KV of a state directory at once (`wrangler kv bulk delete --force --local`). */
export async function deleteLocalKvMany(persistDir: string, keys: string[]): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'facecraft-kv-')), 'keys.json')
  writeFileSync(file, JSON.stringify(keys))
  try {
    await wranglerKv(persistDir, ['bulk', 'delete', file, '--force'])
  } finally {
    rmSync(dirname(file), { recursive: true, force: true })
  }
}

/**
 * @module cli/bench/api — `facecraft bench api`: the edge API under a mixed load, against the real Worker in
 * `wrangler dev --local` (workerd) on a free 127.0.0.1 port, started and stopped by the suite itself.
 *
 * 50 clients run a bounded loop until the deadline, each pausing a random think time (exponential, mean 400 ms)
 * between requests: ~110 requests/s offered in all: sign-in 2%, list 30%, get 30%, If-Match update 38%.
 *
 * That mix (the published one: `rps`, `p50_ms`, `p99_ms` keep meaning it) signs in with the password every
 * ~20 s per client, far more than a real client, which signs in once per device and then lives on 30-day refresh
 * tokens. It matters locally: a sign-in is PBKDF2 (100,000 iterations, deliberately slow: ~20 ms on one idle core
 * here, 40-130 ms when the machine is busy) and local workerd runs the Worker on ONE thread, so every request
 * arriving during a sign-in waits behind it. So the full run adds a SESSION phase (`session_*` keys): each
 * client signs in when its app session starts and again after a random number of requests (exponential, mean
 * SESSION_REQUESTS = 250, ~100 s of non-stop tapping): ~0.4% sign-ins. Sign-in latency is reported on its own in
 * both (`signin_p50_ms`, `signin_p99_ms`, `session_signin_p99_ms`).
 *
 * The target is `wrangler dev --local` (workerd behind wrangler's dev proxy, itself a second workerd) with
 * `--log-level warn` (the default level costs ~1.3 ms of Node CPU per request for request logging). The clients
 * use node:http (see `send`), and the figures come with the load average: other jobs share the 2 cores. Clients
 * with no pauses would only measure queueing; `saturated_*` reports that closed loop too, in the full run.
 * Every update is a read-modify-write with If-Match on a character CONTESTED by the 10 clients that share one
 * account, so conflicting writes happen all the time; a 412 is an expected answer (the client adopts `current`).
 * lost_updates = accepted updates that left no trace: per contested character, (number of 200 updates) minus
 * (final revision - 1), plus any two 200s that claimed the same resulting revision. Both are 0 when If-Match holds.
 * Characters are rig v2 (~7.2 KB of JSON; rig v1's were ~4.6 KB) since the app switched to rig v2.
 *
 * Before the load, on the freshly started Worker, the share preview image (`/s/:id/preview.png`, 1200 x 630, engine
 * v2): `preview_cold_ms` is the first one (the isolate decodes the bundled head pack and builds the engine),
 * `preview_new_ms` the median of three more characters (engine warm, each a new render), `preview_cached_ms` the
 * median of three repeats (Cache API hits). Wall time at the client, one request at a time.
 */
import { randomPlausibleCharacter as randomCharacter } from '@facecraft/shared/rig-v2'
import type { CharacterRecord, SessionResponse } from '@facecraft/shared/api'
import { Agent, request as httpRequest } from 'node:http'
import { loadavg } from 'node:os'
import { startWranglerDev } from '../../../api/test/wrangler-dev.ts'
import { median, type Suite } from '../suite.ts'

const CLIENTS_PER_ACCOUNT = 10
/** Mean requests of one app session between password sign-ins; see the module header. */
const SESSION_REQUESTS = 250
/** Mean pause between one client's requests, ms. */
const THINK_MS = 400
const PASSWORD = 'bench password 123'

/** 'fixed-2pct': 2% of requests sign in (the published mix); 'session': sign in at each session start. */
type Mix = 'session' | 'fixed-2pct'

interface Stats {
  latencies: number[]
  errors: number
  byOp: Record<string, number>
  conflicts: number
  signinMs: number[]
  /** Latencies per operation, for the p99_by_op figure. */
  msByOp: Record<string, number[]>
}

interface Client {
  email: string
  token: string
  charId: string
  revision: number
  /** Requests left in the current session before the client signs in again. */
  left: number
}

/** An exponential sample with the given mean (memoryless: a session's remaining length looks the same). */
const exponential = (mean: number) => -Math.log(1 - Math.random()) * mean

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

/** One timed request; 5xx and transport failures count as errors. */
/** A finished response: status and body text. */
interface Answer {
  status: number
  json(): unknown
}

// node:http with keep-alive, not fetch: the load generator shares the 2 cores with the Worker, and fetch costs
// ~5x the CPU per request (measured 0.7-0.96 ms against 0.13-0.19 ms), which showed up as server latency.
const agent = new Agent({ keepAlive: true, maxSockets: 256 })

/** One HTTP request with `init`'s method, headers and string body; resolves once the whole body is read. */
function send(url: string, init: RequestInit = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, agent },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', fail)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          done({ status: res.statusCode ?? 0, json: () => JSON.parse(text) as unknown })
        })
      }
    )
    req.on('error', fail)
    req.end(typeof init.body === 'string' ? init.body : undefined)
  })
}

async function timed(
  stats: Stats,
  op: string,
  url: string,
  init: RequestInit
): Promise<Answer | null> {
  const t0 = performance.now()
  try {
    const res = await send(url, init)
    const ms = performance.now() - t0
    stats.latencies.push(ms)
    if (op === 'signin') stats.signinMs.push(ms)
    ;(stats.msByOp[op] ??= []).push(ms)
    stats.byOp[op] = (stats.byOp[op] ?? 0) + 1
    if (res.status >= 500) stats.errors++
    return res
  } catch {
    stats.errors++
    return null
  }
}

const jsonInit = (
  method: string,
  body: unknown,
  token?: string,
  extra: Record<string, string> = {}
) => ({
  method,
  headers: {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  },
  body: JSON.stringify(body),
})

/** Accounts, sessions and one contested character per account. */
async function setUp(base: string, clients: number, log: (s: string) => void): Promise<Client[]> {
  const accounts = Math.ceil(clients / CLIENTS_PER_ACCOUNT)
  const out: Client[] = []
  for (let a = 0; a < accounts; a++) {
    const email = `bench-${a}-${Date.now()}@example.com`
    const reg = await fetch(
      `${base}/v1/auth/register`,
      jsonInit('POST', { email, password: PASSWORD })
    )
    if (reg.status !== 201) throw new Error(`bench set-up: register gave ${reg.status}`)
    const session = (await reg.json()) as SessionResponse
    const charId = `contested-${a}`
    const put = await fetch(
      `${base}/v1/characters/${charId}`,
      jsonInit('PUT', { name: 'start', character: randomCharacter(a) }, session.accessToken)
    )
    if (put.status !== 201) throw new Error(`bench set-up: create gave ${put.status}`)
    for (let k = 0; k < CLIENTS_PER_ACCOUNT && out.length < clients; k++) {
      out.push({
        email,
        token: session.accessToken,
        charId,
        revision: 1,
        left: exponential(SESSION_REQUESTS),
      })
    }
  }
  log(`bench api: ${accounts} accounts, ${out.length} clients`)
  return out
}

/** One client's loop until `deadline`; returns the resulting revisions of its accepted updates. */
async function runClient(
  base: string,
  c: Client,
  id: number,
  deadline: number,
  thinkMs: number,
  stats: Stats,
  mix: Mix
) {
  const accepted: Array<{ charId: string; revision: number }> = []
  let n = 0
  while (performance.now() < deadline) {
    // Think time (exponential, mean THINK_MS): people tap, they do not hammer; see the module header.
    await new Promise((done) => setTimeout(done, exponential(thinkMs)))
    if (performance.now() >= deadline) break
    // r < 2 is a sign-in in the 'fixed-2pct' mix; the session mix signs in when the session ends instead.
    let r = (id * 7919 + n++ * 104729) % 100
    if (mix === 'session') r = c.left-- <= 0 ? 0 : 2 + (r % 98)
    if (r < 2) {
      c.left = exponential(SESSION_REQUESTS)
      const res = await timed(
        stats,
        'signin',
        `${base}/v1/auth/login`,
        jsonInit('POST', { email: c.email, password: PASSWORD })
      )
      if (res?.status === 200) c.token = (res.json() as SessionResponse).accessToken
    } else if (r < 32) {
      await timed(stats, 'list', `${base}/v1/characters?limit=20`, {
        headers: { authorization: `Bearer ${c.token}` },
      })
    } else if (r < 62) {
      await timed(stats, 'get', `${base}/v1/characters/${c.charId}`, {
        headers: { authorization: `Bearer ${c.token}` },
      })
    } else {
      const body = { name: `client ${id} write ${n}`, character: randomCharacter(id * 1000 + n) }
      const res = await timed(
        stats,
        'update',
        `${base}/v1/characters/${c.charId}`,
        jsonInit('PUT', body, c.token, { 'if-match': `"${c.revision}"` })
      )
      if (res?.status === 200) {
        c.revision = (res.json() as CharacterRecord).revision
        accepted.push({ charId: c.charId, revision: c.revision })
      } else if (res?.status === 412) {
        stats.conflicts++
        c.revision = (res.json() as { current: CharacterRecord }).current.revision
      }
    }
  }
  return accepted
}

/** Counts accepted writes that vanished: duplicates of a resulting revision, or more 200s than revisions. */
async function countLostUpdates(
  base: string,
  clients: Client[],
  accepted: Array<{ charId: string; revision: number }>
) {
  let lost = 0
  const byChar = new Map<string, number[]>()
  for (const a of accepted) byChar.set(a.charId, [...(byChar.get(a.charId) ?? []), a.revision])
  for (const [charId, revisions] of byChar) {
    const owner = clients.find((c) => c.charId === charId)!
    const res = await fetch(`${base}/v1/characters/${charId}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    })
    const final = ((await res.json()) as CharacterRecord).revision
    lost += revisions.length - new Set(revisions).size
    lost += Math.max(0, revisions.length - (final - 1))
  }
  return lost
}

/**
 * Each operation alone, one request at a time, before any load: the floor under the loaded figures (median ms
 * of `n` requests each), on a character of its own so the contested ones stay untouched.
 */
async function idleLatencies(base: string, c: Client, n = 20): Promise<Record<string, number>> {
  const auth = { headers: { authorization: `Bearer ${c.token}` } }
  const id = 'idle-probe'
  const created = await fetch(
    `${base}/v1/characters/${id}`,
    jsonInit('PUT', { name: 'idle', character: randomCharacter(7) }, c.token)
  )
  if (created.status !== 201) throw new Error(`bench set-up: idle probe gave ${created.status}`)
  let revision = 1
  const probes: Array<[string, () => RequestInit & { url: string }, number]> = [
    ['not_found', () => ({ url: `${base}/v1/no-such-route` }), n],
    ['me', () => ({ url: `${base}/v1/me`, ...auth }), n],
    ['list', () => ({ url: `${base}/v1/characters?limit=20`, ...auth }), n],
    ['get', () => ({ url: `${base}/v1/characters/${id}`, ...auth }), n],
    [
      'update',
      () => ({
        url: `${base}/v1/characters/${id}`,
        ...jsonInit('PUT', { name: 'idle', character: randomCharacter(revision) }, c.token, {
          'if-match': `"${revision++}"`,
        }),
      }),
      n,
    ],
    [
      'signin',
      () => ({
        url: `${base}/v1/auth/login`,
        ...jsonInit('POST', { email: c.email, password: PASSWORD }),
      }),
      5,
    ],
  ]
  const out: Record<string, number> = {}
  for (const [op, make, count] of probes) {
    const ms: number[] = []
    for (let i = 0; i < count; i++) {
      const { url, ...init } = make()
      const t0 = performance.now()
      const res = await send(url, init)
      ms.push(performance.now() - t0)
      if (res.status >= 500) throw new Error(`bench idle probe: ${op} gave ${res.status}`)
    }
    out[op] = Number(median(ms).toFixed(1))
  }
  return out
}

/** The 1-minute load average (other jobs share the cores: read the figures next to it). */
const load1 = () => Number(loadavg()[0]!.toFixed(2))

/** A phase's figures under its own prefix: `{ rps }` -> `{ session_rps }`. */
function prefixed(phase: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, value]) => [`${phase}_${key}`, value])
  )
}

/** Runs every client for `seconds`; figures over all requests of the phase. */
async function runPhase(
  base: string,
  set: Client[],
  seconds: number,
  thinkMs: number,
  mix: Mix = 'fixed-2pct'
) {
  const stats: Stats = {
    latencies: [],
    errors: 0,
    byOp: {},
    conflicts: 0,
    signinMs: [],
    msByOp: {},
  }
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const deadline = t0 + seconds * 1000
  const accepted = (
    await Promise.all(set.map((c, i) => runClient(base, c, i, deadline, thinkMs, stats, mix)))
  ).flat()
  const elapsed = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const figures = {
    rps: Math.round(stats.latencies.length / elapsed),
    p50_ms: Number(median(stats.latencies).toFixed(1)),
    p99_ms: Number(percentile(stats.latencies, 99).toFixed(1)),
    errors: stats.errors,
  }
  const extra = {
    duration_s: Number(elapsed.toFixed(1)),
    requests: stats.latencies.length,
    accepted_updates: accepted.length,
    conflicts_412: stats.conflicts,
    signin_p50_ms: stats.signinMs.length ? Number(median(stats.signinMs).toFixed(1)) : null,
    signin_p99_ms: stats.signinMs.length ? Number(percentile(stats.signinMs, 99).toFixed(1)) : null,
    ops: stats.byOp,
    // The load generator shares the cores with the Worker: its own CPU per request, user + system.
    client_cpu_ms_per_request: Number(
      ((cpu.user + cpu.system) / 1000 / Math.max(1, stats.latencies.length)).toFixed(2)
    ),
    p99_by_op: Object.fromEntries(
      Object.entries(stats.msByOp).map(([op, ms]) => [op, Number(percentile(ms, 99).toFixed(1))])
    ),
  }
  return { figures, extra, accepted }
}

/** Share preview image times on a fresh Worker (see the module header): cold, new characters, cached. */
async function previewTimes(base: string, c: Client): Promise<Record<string, number>> {
  const ids: string[] = []
  for (let k = 0; k < 4; k++) {
    const charId = `preview-${k}`
    const put = await fetch(
      `${base}/v1/characters/${charId}`,
      jsonInit('PUT', { name: `preview ${k}`, character: randomCharacter(900 + k) }, c.token)
    )
    if (put.status !== 201) throw new Error(`bench preview set-up: create gave ${put.status}`)
    const share = await fetch(
      `${base}/v1/shares`,
      jsonInit('POST', { characterId: charId }, c.token)
    )
    if (share.status !== 201) throw new Error(`bench preview set-up: share gave ${share.status}`)
    ids.push(((await share.json()) as { id: string }).id)
  }
  const time = async (id: string) => {
    const t0 = performance.now()
    const res = await send(`${base}/s/${id}/preview.png`)
    if (res.status !== 200) throw new Error(`bench preview: ${res.status} for a live share`)
    return performance.now() - t0
  }
  const cold = await time(ids[0]!)
  const fresh: number[] = []
  for (const id of ids.slice(1)) fresh.push(await time(id))
  const cached: number[] = []
  for (let k = 0; k < 3; k++) cached.push(await time(ids[0]!))
  const round = (ms: number) => Number(ms.toFixed(1))
  return {
    preview_cold_ms: round(cold),
    preview_new_ms: round(median(fresh)),
    preview_cached_ms: round(median(cached)),
  }
}

export const apiBench: Suite = {
  name: 'api',
  summary:
    'edge API under mixed load (sign-in/list/get/If-Match update) on wrangler dev: rps, p50/p99, errors, lost updates',
  async run({ quick, json }) {
    const log = (s: string) => (json ? console.error(s) : console.log(s))
    const clients = 50
    const seconds = quick ? 10 : 30
    const server = await startWranglerDev({
      // The bench signs in far more often than a person; lift the per-minute limits (tested elsewhere).
      vars: {
        SIGNIN_LIMIT_PER_MINUTE: '1000000',
        REGISTER_LIMIT_PER_MINUTE: '1000000',
        WRITE_LIMIT_PER_MINUTE: '1000000',
      },
    })
    try {
      const set = await setUp(server.url, clients, log)
      const preview = await previewTimes(server.url, set[0]!)
      log(`bench api: share preview image, ms: ${JSON.stringify(preview)}`)
      // Warm-up: one list per client, not counted.
      await Promise.all(
        set.map((c) =>
          fetch(`${server.url}/v1/characters`, {
            headers: { authorization: `Bearer ${c.token}` },
          }).then((r) => r.arrayBuffer())
        )
      )
      const idle = await idleLatencies(server.url, set[0]!)
      log(`bench api: one request at a time, median ms: ${JSON.stringify(idle)}`)
      log(`bench api: ${clients} clients for ${seconds} s, think time ${THINK_MS} ms`)
      const loadStart = load1()
      const paced = await runPhase(server.url, set, seconds, THINK_MS)
      const result: Record<string, unknown> = {
        ...paced.figures,
        lost_updates: await countLostUpdates(server.url, set, paced.accepted),
        clients,
        think_ms: THINK_MS,
        ...paced.extra,
        idle_ms_by_op: idle,
        ...preview,
        loadavg_1m_start: loadStart,
        loadavg_1m_end: load1(),
      }
      const accepted = [...paced.accepted]
      if (!quick) {
        // Paced phases first; the saturating one last, so its backlog cannot spill into another's figures.
        log(`bench api: session mix (sign-in at session start), ${clients} clients for 10 s`)
        const session = await runPhase(server.url, set, 10, THINK_MS, 'session')
        accepted.push(...session.accepted)
        Object.assign(result, prefixed('session', session.figures))
        result.session_lost_updates = await countLostUpdates(server.url, set, accepted)
        result.session_requests = SESSION_REQUESTS
        result.session_signins = session.extra.ops.signin ?? 0
        result.session_signin_p99_ms = session.extra.signin_p99_ms
        result.session_p99_by_op = session.extra.p99_by_op
        log(`bench api: saturation, ${clients} clients with no think time for 10 s`)
        const sat = await runPhase(server.url, set, 10, 0)
        accepted.push(...sat.accepted)
        Object.assign(result, prefixed('saturated', sat.figures))
        result.saturated_lost_updates = await countLostUpdates(server.url, set, accepted)
        result.loadavg_1m_end = load1()
      }
      return result
    } finally {
      await server.stop()
    }
  },
}

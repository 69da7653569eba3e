/**
 * @module cli/eval/api-security/attacks — the targeted attacks of issue 12, each returning the figure the suite
 * publishes: sign-outs caused by forged or racing refreshes, duplicate accounts from sign-up and upgrade races,
 * password guesses per account per minute (across IPs and idle gaps), weak passwords accepted, and the security
 * headers of the static assets.
 */
import { randomBytes } from 'node:crypto'
import { newEmail, PASSWORD, pool, type Http } from './http.ts'

/** The claims anyone who has seen an access token can read. */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string
    sid: string
  }

/** True when the session is still alive: its access token works and its refresh token refreshes. */
async function alive(http: Http, accessToken: string, refreshToken: string): Promise<boolean> {
  const me = await http.send('/v1/me', { token: accessToken })
  if (me.status !== 200) return false
  return (await http.refresh(refreshToken)).status === 200
}

/**
 * Refreshes (and logs out) with forged secrets built from the session id in a real access token, in both token
 * shapes; counts the sessions that were ended by it.
 */
export async function forgedRefreshSignouts(http: Http, sessions: number): Promise<number> {
  const results = await pool(
    Array.from({ length: sessions }, (_, i) => i),
    5,
    async () => {
      const s = await http.register(newEmail('forged'))
      const { sub, sid } = claimsOf(s.accessToken)
      const forge = () => randomBytes(32).toString('base64url')
      for (const token of [
        `r2.${sub}.${sid}.0.${forge()}`,
        `r2.${sub}.${sid}.1.${forge()}`,
        `${sid}.${forge()}`,
      ]) {
        await http.refresh(token)
        await http.send('/v1/auth/logout', { method: 'POST', body: { refreshToken: token } })
      }
      return alive(http, s.accessToken, s.refreshToken)
    }
  )
  return results.filter((ok) => !ok).length
}

/**
 * Two refreshes of one token at once, `races` times; counts the sessions that ended (with what each answer was, as
 * findings).
 */
export async function refreshRaceSignouts(
  http: Http,
  races: number
): Promise<{ signouts: number; findings: string[] }> {
  const findings: string[] = []
  const results = await pool(
    Array.from({ length: races }, (_, i) => i),
    4,
    async () => {
      const s = await http.register(newEmail('race'))
      const answers = await Promise.all([
        http.refresh(s.refreshToken),
        http.refresh(s.refreshToken),
      ])
      const ok = answers.filter((a) => a.status === 200)
      const fail = (why: string) => {
        findings.push(`refresh race: ${why} (answers ${answers.map((a) => a.status).join(', ')})`)
        return false
      }
      if (ok.length === 0) return fail('no refresh succeeded')
      // Every tab that got an answer must be able to go on with it.
      for (const a of ok) {
        const next = a.json() as { accessToken: string; refreshToken: string }
        const me = await http.send('/v1/me', { token: next.accessToken })
        if (me.status !== 200) return fail(`new access token gave ${me.status}`)
      }
      const last = ok[ok.length - 1]!.json() as { refreshToken: string }
      const again = await http.refresh(last.refreshToken)
      return (
        again.status === 200 ||
        fail(`next refresh gave ${again.status}: ${again.text.slice(0, 80)}`)
      )
    }
  )
  return { signouts: results.filter((ok) => !ok).length, findings }
}

/** Accounts created beyond one by `signups` simultaneous sign-ups and `upgrades` simultaneous upgrades of one email each. */
export async function duplicateAccounts(
  http: Http,
  signups: number,
  upgrades: number
): Promise<{ duplicates: number; signupsOk: number; upgradesOk: number; findings: string[] }> {
  const email = newEmail('dup')
  const signed = await Promise.all(
    Array.from({ length: signups }, () =>
      http.send('/v1/auth/register', { method: 'POST', body: { email, password: PASSWORD } })
    )
  )
  const signupsOk = signed.filter((a) => a.status === 201).length
  const anons = await pool(
    Array.from({ length: upgrades }, (_, i) => i),
    5,
    () => http.anonymous()
  )
  const upEmail = newEmail('dup-up')
  const upgraded = await Promise.all(
    anons.map((a) =>
      http.send('/v1/auth/upgrade', {
        method: 'POST',
        token: a.accessToken,
        body: { email: upEmail, password: PASSWORD },
      })
    )
  )
  const upgradesOk = upgraded.filter((a) => a.status === 200).length
  // Exactly one winner each is the target; anything else is reported with the answers (none lost is a finding too).
  const findings: string[] = []
  for (const [what, answers, won, lost] of [
    ['sign-up race', signed, 201, 409],
    ['upgrade race', upgraded, 200, 409],
  ] as const) {
    const count = (status: number) => answers.filter((a) => a.status === status).length
    if (count(won) !== 1 || count(won) + count(lost) !== answers.length) {
      const odd = answers.find((a) => a.status !== won && a.status !== lost)
      findings.push(
        `${what}: ${count(won)} x ${won}, ${count(lost)} x ${lost}` +
          (odd ? `, e.g. ${odd.status} ${odd.text.slice(0, 120)}` : '')
      )
    }
  }
  return {
    findings,
    duplicates: Math.max(0, signupsOk - 1) + Math.max(0, upgradesOk - 1),
    signupsOk,
    upgradesOk,
  }
}

/** The guessing timeline: bursts of wrong passwords from `ips` addresses with idle gaps between them. */
export interface GuessPlan {
  bursts: number
  perBurst: number
  gapMs: number
  ips: number
}

/**
 * Guesses one account's password in bursts spread over `ips` addresses with `gapMs` idle between bursts (longer
 * than a Durable Object stays in memory); returns the most guesses the server actually checked (answers other than
 * 429) in any 60-second window, and per burst.
 */
export async function guessesPerAccountPerMinute(
  http: Http,
  plan: GuessPlan
): Promise<{ max: number; perBurst: number[] }> {
  const s = await http.register(newEmail('guess'))
  const ips = Array.from({ length: plan.ips }, () => http.nextIp())
  const checked: number[] = []
  const perBurst: number[] = []
  for (let b = 0; b < plan.bursts; b++) {
    if (b > 0) await new Promise((done) => setTimeout(done, plan.gapMs))
    let n = 0
    await pool(
      Array.from({ length: plan.perBurst }, (_, i) => i),
      5,
      async (i) => {
        const res = await http.send('/v1/auth/login', {
          method: 'POST',
          ip: ips[i % ips.length],
          body: { email: s.user.email, password: `wrong guess ${b}-${i}!` },
        })
        if (res.status !== 429) {
          checked.push(Date.now())
          n++
        }
      }
    )
    perBurst.push(n)
  }
  checked.sort((a, b) => a - b)
  let max = 0
  for (let i = 0, j = 0; i < checked.length; i++) {
    while (checked[i]! - checked[j]! >= 60_000) j++
    max = Math.max(max, i - j + 1)
  }
  return { max, perBurst }
}

/**
 * Well-known weak passwords that pass the length rule (10+ characters), chosen from public "worst passwords"
 * lists and common patterns, not from the server's own list.
 */
export const WEAK_PASSWORDS = [
  'password123',
  '1234567890',
  'qwertyuiop',
  'iloveyou123',
  'Password1!',
  '1q2w3e4r5t',
  'qwerty123456',
  'letmein1234',
  'welcome123',
  'football123',
  'sunshine2024',
  'Monkey12345',
  'aaaaaaaaaa',
  'abcabcabcabc',
]

/** Registers with each weak password; counts the ones accepted (201). */
export async function weakPasswordsAccepted(http: Http): Promise<number> {
  const answers = await pool(WEAK_PASSWORDS, 4, (password) =>
    http.send('/v1/auth/register', { method: 'POST', body: { email: newEmail('weak'), password } })
  )
  return answers.filter((a) => a.status === 201).length
}

const REQUIRED_STATIC = [
  'content-security-policy',
  'x-content-type-options',
  'strict-transport-security',
  'referrer-policy',
]

/**
 * True when the app shell, a share page, the model manifest and a model path all carry the security headers (a CSP
 * forbidding framing, nosniff, HSTS, a referrer policy) and a missing model file is a real 404.
 */
export async function staticSecurityHeaders(
  http: Http
): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = []
  for (const path of [
    '/',
    '/s/AbCdEfGhIjKl',
    '/models/manifest.json',
    '/models/missing-model.onnx',
  ]) {
    const res = await http.send(path, { headers: { accept: 'text/html' } })
    for (const h of REQUIRED_STATIC) if (!res.headers.get(h)) problems.push(`${path}: no ${h}`)
    if (!/frame-ancestors 'none'/.test(res.headers.get('content-security-policy') ?? ''))
      problems.push(`${path}: framing allowed`)
    const want = path.endsWith('.onnx') ? 404 : 200
    if (res.status !== want) problems.push(`${path}: ${res.status}, expected ${want}`)
  }
  return { ok: problems.length === 0, problems }
}

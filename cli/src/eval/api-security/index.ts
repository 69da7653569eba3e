/**
 * @module cli/eval/api-security — `facecraft eval api-security [--quick] [--json]`: the attack suite of issue 12,
 * rerun before every release. It starts the real Worker (`wrangler dev --local`, workerd) on a free 127.0.0.1 port
 * with a fresh state directory and the production limits (only TOKEN_SECRET is set), attacks it with bounded loops,
 * and stops it. Simulated clients each send their own CF-Connecting-IP, as Cloudflare's edge would.
 *
 * Keys (targets): fuzz_requests (>= 700, every route of api/openapi.json), fuzz_5xx (0), forged_refresh_signouts
 * (0), refresh_race_signouts (0), duplicate_accounts (0: 40 simultaneous sign-ups and 20 simultaneous upgrades of
 * one email), guesses_per_account_per_min (<= 10: from 10 IPs, in bursts with 15 s idle gaps), bad_record_5xx (0:
 * every KV record type damaged or removed), static_security_headers (true), weak_passwords_accepted (0).
 * The guessing timeline runs beside the other attacks (its idle gaps would otherwise dominate the run time).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { randomCharacter } from '@facecraft/shared/rig'
import { startWranglerDev, type DevServer } from '../../../../api/test/wrangler-dev.ts'
import { progress } from '../../command.ts'
import type { Suite } from '../../suite.ts'
import {
  duplicateAccounts,
  forgedRefreshSignouts,
  guessesPerAccountPerMinute,
  refreshRaceSignouts,
  staticSecurityHeaders,
  weakPasswordsAccepted,
  WEAK_PASSWORDS,
} from './attacks.ts'
import { fuzz, openapiRoutes, type FuzzContext } from './fuzz.ts'
import { Http } from './http.ts'
import { badRecords, seedRecords } from './records.ts'

const OPENAPI = new URL('../../../../api/openapi.json', import.meta.url)

/** A session with a character and a share, for the fuzzer to reach past authentication. */
async function fuzzContext(http: Http): Promise<FuzzContext> {
  const s = await http.anonymous()
  const characterId = `fz-${randomBytes(4).toString('hex')}`
  await http.send(`/v1/characters/${characterId}`, {
    method: 'PUT',
    token: s.accessToken,
    body: { name: 'Fuzz', character: randomCharacter(7) },
  })
  const share = await http.send('/v1/shares', {
    method: 'POST',
    token: s.accessToken,
    body: { characterId },
  })
  return {
    accessToken: s.accessToken,
    refreshToken: s.refreshToken,
    characterId,
    shareId: share.status === 201 ? share.json().id : 'AAAAAAAAAAAA',
  }
}

export const apiSecurityEval: Suite = {
  name: 'api-security',
  summary:
    'attack suite against local workerd (fuzz_5xx, forged_refresh_signouts, refresh_race_signouts, duplicate_accounts, guesses_per_account_per_min, bad_record_5xx, static_security_headers, weak_passwords_accepted)',
  async run({ quick, json }) {
    const log = (s: string) => (json ? console.error(s) : console.log(s))
    const t0 = Date.now()
    const load0 = loadavg()[0]!
    const state = mkdtempSync(join(tmpdir(), 'facecraft-api-security-'))
    const vars = { TOKEN_SECRET: randomBytes(32).toString('base64url') }
    let server: DevServer = await startWranglerDev({ vars, persistTo: state })
    const http = new Http(server.url)
    const step = (s: string) =>
      progress(`eval api-security: ${s} (${((Date.now() - t0) / 1000).toFixed(0)} s)`)
    try {
      const routes = openapiRoutes(OPENAPI)
      const plan = quick
        ? { bursts: 2, perBurst: 20, gapMs: 15_000, ips: 10 }
        : { bursts: 6, perBurst: 30, gapMs: 15_000, ips: 10 }
      step('guessing (in the background)')
      const guessing = guessesPerAccountPerMinute(http, plan)
      step('seeding records')
      const seeded = await seedRecords(http)
      step('fuzzing')
      const fuzzed = await fuzz(http, routes, quick ? 720 : 2400, 12, () => fuzzContext(http))
      step('forged refreshes')
      const forged = await forgedRefreshSignouts(http, 10)
      step('refresh races')
      const raced = await refreshRaceSignouts(http, quick ? 20 : 40)
      step('sign-up and upgrade races')
      const dup = await duplicateAccounts(http, 40, 20)
      step('weak passwords')
      const weak = await weakPasswordsAccepted(http)
      step('static headers')
      const headers = await staticSecurityHeaders(http)
      step('waiting for the guessing timeline')
      const guesses = await guessing
      step('damaging stored records')
      const records = await badRecords(http, seeded, state, async (whileStopped) => {
        await server.stop()
        await whileStopped()
        server = await startWranglerDev({ vars, persistTo: state })
        http.base = server.url
      })
      progress('')
      const findings = [
        ...fuzzed.findings,
        ...raced.findings,
        ...dup.findings,
        ...records.findings,
        ...headers.problems,
      ]
      for (const f of findings) log(`finding: ${f}`)
      return {
        fuzz_requests: fuzzed.requests,
        fuzz_5xx: fuzzed.serverErrors,
        forged_refresh_signouts: forged,
        refresh_race_signouts: raced.signouts,
        duplicate_accounts: dup.duplicates,
        guesses_per_account_per_min: guesses.max,
        bad_record_5xx: records.serverErrors,
        static_security_headers: headers.ok,
        weak_passwords_accepted: weak,
        fuzz_routes_covered: `${fuzzed.routesCovered}/${routes.length}`,
        forged_refresh_sessions: 10,
        refresh_races: quick ? 20 : 40,
        signups_succeeded: dup.signupsOk,
        upgrades_succeeded: dup.upgradesOk,
        guesses_per_burst: guesses.perBurst,
        guess_plan: { ...plan, gap_s: plan.gapMs / 1000 },
        bad_record_probes: records.probes,
        weak_passwords_tried: WEAK_PASSWORDS.length,
        requests_total: http.requests,
        findings: findings.slice(0, 20),
        seconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
        loadavg_1m_start: Number(load0.toFixed(2)),
        loadavg_1m_end: Number(loadavg()[0]!.toFixed(2)),
      }
    } finally {
      progress('')
      await server.stop()
      rmSync(state, { recursive: true, force: true })
    }
  },
}

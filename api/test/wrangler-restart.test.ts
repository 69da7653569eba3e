/**
 * @file The dev-server launcher's `restarts`: when wrangler dies on its own in the middle of a suite, it comes back
 * on the same address with the same state and secret, so the files after it keep working (they once all failed
 * with ERR_CONNECTION_REFUSED after wrangler's file watcher deadlocked in CI).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWranglerDev, waitForWorker, type DevServer } from './wrangler-dev.ts'

let server: DevServer
beforeAll(async () => {
  server = await startWranglerDev({ restarts: 1 })
}, 120_000)
afterAll(() => server?.stop())

const post = (path: string, body: unknown) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

it('starts wrangler again after it dies, keeping the accounts and the token secret', async () => {
  const email = `restart-${Date.now()}@example.com`
  const password = 'correct horse battery'
  const registered = await post('/v1/auth/register', { email, password })
  expect(registered.status).toBe(201)
  const { accessToken } = (await registered.json()) as { accessToken: string }

  const before = server.pid()!
  // wrangler alone, as when it crashes: its workerd is left behind holding the port.
  process.kill(before, 'SIGKILL')
  await new Promise((r) => setTimeout(r, 500))
  expect(await waitForWorker(server.url, 90_000)).toBe(true)
  expect(server.pid()).not.toBe(before)

  // The token the first Worker issued still verifies (same TOKEN_SECRET), and the account is still stored.
  const me = await fetch(`${server.url}/v1/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  expect(me.status).toBe(200)
  expect((await post('/v1/auth/login', { email, password })).status).toBe(200)
}, 180_000)

import { loadavg } from 'node:os'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { startWranglerDev } from '../test/wrangler-dev.ts'
const server = await startWranglerDev({})
const base = server.url
const j = (method: string, body: unknown, token?: string) => ({
  method,
  headers: {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  body: JSON.stringify(body),
})
try {
  const s = (await (await fetch(`${base}/v1/auth/anonymous`, { method: 'POST' })).json()) as {
    accessToken: string
  }
  const ids: string[] = []
  for (let k = 0; k < 4; k++) {
    await fetch(
      `${base}/v1/characters/p${k}`,
      j('PUT', { name: 'p', character: randomPlausibleCharacter(900 + k) }, s.accessToken)
    )
    ids.push(
      (
        (await (
          await fetch(`${base}/v1/shares`, j('POST', { characterId: `p${k}` }, s.accessToken))
        ).json()) as { id: string }
      ).id
    )
  }
  const out: number[] = []
  for (const id of ids) {
    const t = performance.now()
    const r = await fetch(`${base}/s/${id}/preview.png`)
    await r.arrayBuffer()
    out.push(Math.round(performance.now() - t))
  }
  console.log(JSON.stringify({ ms: out, load: loadavg()[0] }))
} finally {
  await server.stop()
}

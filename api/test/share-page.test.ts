/** @file Account share pages in workerd: Open Graph tags on /s/:id, the preview PNG (cached), other /s/ paths. */
import { beforeAll, describe, expect, it } from 'vitest'
import { decodePng } from '@facecraft/shared/image'
import { anonymous, call, createCharacter, json } from './client.ts'

let shareId: string

beforeAll(async () => {
  const token = (await anonymous()).accessToken
  const rec = await createCharacter(token, undefined, 3)
  shareId = (
    await json(await call('/v1/shares', { method: 'POST', token, body: { characterId: rec.id } }))
  ).id
})

describe('share pages', () => {
  it('serves the app shell with Open Graph tags for a live share', async () => {
    const res = await call(`/s/${shareId}`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('facecraft test fixture')
    expect(html).toContain('<meta property="og:title" content="Char 3, made with facecraft" />')
    expect(html).toContain(
      `<meta property="og:image" content="http://127.0.0.1:8787/s/${shareId}/preview.png" />`
    )
  })

  it('renders the preview image once and serves it from the cache after', async () => {
    const first = await call(`/s/${shareId}/preview.png`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('image/png')
    const bytes = new Uint8Array(await first.arrayBuffer())
    const image = decodePng(bytes)
    expect([image.width, image.height]).toEqual([1200, 630])
    const again = new Uint8Array(await (await call(`/s/${shareId}/preview.png`)).arrayBuffer())
    expect(Buffer.compare(again, bytes)).toBe(0)
  })

  it('answers unknown shares with the plain shell and a 404 image; other /s/ paths get the shell', async () => {
    const unknown = await call('/s/AAAAAAAAAAAA')
    expect(unknown.status).toBe(200)
    expect(await unknown.text()).not.toContain('og:image')
    expect((await call('/s/AAAAAAAAAAAA/preview.png')).status).toBe(404)
    const other = await call('/s/abc', {
      headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' },
    })
    expect(await other.text()).toContain('facecraft test fixture')
  })
})

/**
 * @file Share pages in workerd: Open Graph tags on /s/:id, the preview PNG (engine v2, cached), share-code previews
 * (/s/preview/<code>.png: fc2, fc1 migrated, damaged and newer codes refused), other /s/ paths.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { decodePng } from '@facecraft/shared/image'
import {
  encodeOctave,
  encodeResidual,
  OCTAVE_PIXELS,
  SKIN_DETAIL_PIXELS,
} from '@facecraft/shared/detail'
import { encodeShareCode, randomCharacter as randomCharacterV1 } from '@facecraft/shared/rig'
import {
  decodeAnyShareCode,
  encodeShareCodeV2,
  quantizeCharacterV2,
  randomPlausibleCharacter,
} from '@facecraft/shared/rig-v2'
import { crc32, fromBase64Url, toBase64Url } from '@facecraft/shared/utils'
import { anonymous, call, createCharacter, json } from './client.ts'

let token = ''
let shareId: string
let character: unknown

beforeAll(async () => {
  token = (await anonymous()).accessToken
  const rec = await createCharacter(token, undefined, 3)
  character = rec.character
  shareId = (
    await json(await call('/v1/shares', { method: 'POST', token, body: { characterId: rec.id } }))
  ).id
})

const png = async (res: Response) => new Uint8Array(await res.arrayBuffer())
/**
 * A picture is ~1-1.5 s of the Worker's one thread when it is the isolate's first (engine v2 builds its caches),
 * ~0.3-0.8 s for a new character after (docs/api.md, "Share previews"; load ~8), but the whole suite's files share
 * this Worker and 2 cores with other servers: a cold picture took over 20 s there once (load ~9).
 */
const RENDER_TIMEOUT = 90_000
const codePreview = (code: string) => call(`/s/preview/${encodeURIComponent(code)}.png`)

describe('share pages', { timeout: RENDER_TIMEOUT }, () => {
  it('serves the app shell with Open Graph tags for a live share', async () => {
    const res = await call(`/s/${shareId}`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('facecraft test fixture')
    expect(html).toContain('<meta property="og:title" content="Char 3, made with facecraft" />')
    expect(html).toContain(
      `<meta property="og:image" content="http://127.0.0.1:8787/s/${shareId}/preview.png?r=v2.1" />`
    )
  })

  it('renders the preview image (the rig v2 head) once and serves it from the cache after', async () => {
    const first = await call(`/s/${shareId}/preview.png`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('image/png')
    const bytes = await png(first)
    const image = decodePng(bytes)
    expect([image.width, image.height]).toEqual([1200, 630])
    const again = await png(await call(`/s/${shareId}/preview.png`))
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

describe('share codes', { timeout: RENDER_TIMEOUT }, () => {
  it('round-trips a shared v2 character through an fc2 code, whose preview is the share preview', async () => {
    const shared = await json(await call(`/v1/shares/${shareId}`))
    expect(shared.character).toEqual(character)
    const code = encodeShareCodeV2(shared.character, shared.name)
    const decoded = decodeAnyShareCode(code)
    expect(decoded).toEqual({
      character: quantizeCharacterV2(shared.character),
      name: 'Char 3',
      migrated: false,
    })
    const res = await codePreview(code)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    // Same picture as the share's (one render per character: both are cached by the character's content).
    const fromCode = await png(res)
    const fromShare = await png(await call(`/s/${shareId}/preview.png`))
    expect(decodePng(fromCode).width).toBe(1200)
    expect(Buffer.compare(fromCode, fromShare)).toBe(0)
  })

  it("pictures a photo character's code: skin detail, its residual and octave (~7,000 characters)", async () => {
    const c = randomPlausibleCharacter(33, { detail: true })
    const detail = {
      ...c.detail!,
      residual: encodeResidual(
        Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 5 * Math.sin(i))
      ),
      octave: encodeOctave(Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => 8 * Math.cos(i))),
    }
    const code = encodeShareCodeV2({ ...c, detail }, 'Ł'.repeat(24))
    expect(code.length).toBeGreaterThan(6_500)
    const res = await codePreview(code)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(decodePng(await png(res)).width).toBe(1200)
  })

  it('pictures an fc1 code (an old link) as its rig v2 migration', async () => {
    const fc1 = encodeShareCode(randomCharacterV1(31), 'Old link')
    const res = await codePreview(fc1)
    expect(res.status).toBe(200)
    const opened = decodeAnyShareCode(fc1)
    expect(opened.migrated).toBe(true)
    // The v1 code's own (quantised) character, migrated: the app opens the link as the same v2 character.
    const viaV2 = await codePreview(encodeShareCodeV2(opened.character))
    expect(Buffer.compare(await png(res), await png(viaV2))).toBe(0)
  })

  it('refuses damaged, truncated and newer codes with 400 and a message that says what to do', async () => {
    const code = encodeShareCodeV2(randomPlausibleCharacter(32), 'Ada')
    const flipped = code.slice(0, 40) + (code[40] === 'A' ? 'B' : 'A') + code.slice(41)
    const bytes = fromBase64Url(code.slice(4))!
    bytes[2] = 3 // rig v3, with a valid checksum
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    view.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)))
    const cases: Array<[string, RegExp]> = [
      [flipped, /damaged.*copy it again/],
      [code.slice(0, 100), /incomplete/],
      [`fc2.${toBase64Url(bytes)}`, /rig v3.*Update the app/],
      ['fc9.AAAA', /Not a facecraft v2 share code/],
      ['%E0%A4%A', /damaged/],
    ]
    for (const [bad, message] of cases) {
      const res = await call(`/s/preview/${bad}.png`)
      expect(res.status, bad.slice(0, 12)).toBe(400)
      expect(await res.text()).toMatch(message)
    }
  })

  it('answers junk in place of a code with 4xx, never 5xx', async () => {
    const junk = [
      'fc1.AAAA',
      `fc2.${'A'.repeat(1000)}`,
      `fc1.${'_'.repeat(300)}`,
      '%FF%FE',
      'fc2.%00',
      'fc2.' + Buffer.from('not a share code at all, just text').toString('base64url'),
      '..',
    ]
    for (const bad of junk) {
      const res = await call(`/s/preview/${bad}.png`)
      expect([400, 404], bad.slice(0, 12)).toContain(res.status)
    }
  })
})

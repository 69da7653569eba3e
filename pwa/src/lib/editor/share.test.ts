import { describe, expect, it } from 'vitest'
import { createCharacter, encodeShareCode } from '@facecraft/shared/rig'
import { createCharacterV2, migrateV1, quantizeCharacterV2 } from '@facecraft/shared/rig-v2'
import {
  encodeOctave,
  encodeResidual,
  OCTAVE_PIXELS,
  SKIN_DETAIL_COUNT,
  SKIN_DETAIL_PIXELS,
  SKIN_DETAIL_VERSION,
} from '@facecraft/shared/detail'
import { offlineShareLink, openShareLink, qrSvg, shareQr } from './share.ts'

describe('share links', () => {
  const base = createCharacterV2()
  const character = {
    ...base,
    sliders: { ...base.sliders, 'face.nose-scale-horiz.decr-incr': 0.8123 },
  }
  /** A photo character's skin detail: every weight off 0 and its residual (session 44). */
  const photoDetail = {
    basis: SKIN_DETAIL_VERSION,
    weights: Array.from({ length: SKIN_DETAIL_COUNT }, (_, i) => Math.sin(i) * 3.9),
    residual: encodeResidual(
      Float32Array.from({ length: SKIN_DETAIL_PIXELS }, (_, i) => 7 * Math.cos(i))
    ),
  }

  it('round-trips a rig v2 character through an fc2 code in the #fragment, with no server', async () => {
    const link = new URL(offlineShareLink({ character, name: 'Ada' }, 'https://facecraft.example'))
    expect(link.pathname).toBe('/s')
    expect(link.hash.startsWith('#c=fc2.')).toBe(true)
    const opened = await openShareLink(link.pathname, link.hash)
    expect(opened).toEqual({
      name: 'Ada',
      character: quantizeCharacterV2(character),
      migrated: false,
    })
  })

  it("carries a photo character's skin detail and residual, and its QR code holds the link", async () => {
    const detail = photoDetail
    // the longest name a code keeps (48 bytes of UTF-8)
    const name = 'Ł'.repeat(24)
    const link = offlineShareLink(
      { character: { ...character, detail }, name },
      'https://facecraft.example'
    )
    const opened = await openShareLink('/s', new URL(link).hash)
    expect(opened.character.detail!.residual).toBe(detail.residual)
    expect(opened.name).toBe(name)
    expect(qrSvg(link)).toMatch(/^<svg/)
    // past what a QR code holds, no code (the sheet says so) rather than a broken sheet
    expect(qrSvg(`${link}${'x'.repeat(400)}`)).toBeNull()
  })

  it('gives a photo character with its octave a QR code of the link without it (the link keeps it)', async () => {
    const detail = {
      ...photoDetail,
      octave: encodeOctave(Float32Array.from({ length: OCTAVE_PIXELS }, (_, i) => 9 * Math.sin(i))),
    }
    const shared = { character: { ...character, detail }, name: 'Oct' }
    const origin = 'https://facecraft.example'
    const link = offlineShareLink(shared, origin)
    expect(link.length).toBeGreaterThan(6_000)
    // the link itself carries the octave
    expect((await openShareLink('/s', new URL(link).hash)).character.detail!.octave).toBe(
      detail.octave
    )
    expect(qrSvg(link)).toBeNull()
    const qr = shareQr(link, shared, origin)!
    expect(qr.lean).toBe(true)
    const { octave: _, ...lean } = detail
    expect(qr.svg).toBe(
      qrSvg(offlineShareLink({ ...shared, character: { ...character, detail: lean } }, origin))
    )
    // a link that fits (a short account link, a character without an octave) keeps its own code
    const short = `${origin}/s/abc123`
    expect(shareQr(short, shared, origin)).toEqual({ svg: qrSvg(short), lean: false })
    // past what even the lean link fits: none (the sheet says so)
    expect(shareQr(`${link}x`, { ...shared, character }, origin)).toBeNull()
  })

  it('opens an fc1 link (made before rig v2) as the closest v2 character, and says so', async () => {
    const v1 = createCharacter({ sliders: { 'nose.width': 0.9 }, styles: { 'hair.style': 'bob' } })
    const code = encodeShareCode(v1, 'Old Olga')
    const opened = await openShareLink('/s', `#c=${code}`)
    expect(opened.migrated).toBe(true)
    expect(opened.name).toBe('Old Olga')
    expect(opened.character.rig).toBe(2)
    expect(opened.character.styles['hair.style']).toBe('bob')
    // The same mapping the rest of the app uses (up to the code's quantisation).
    expect(opened.character.styles).toEqual(migrateV1(v1).styles)
  })

  it('says what to do with a damaged code', async () => {
    const link = new URL(offlineShareLink({ character, name: 'Ada' }, 'https://x.example'))
    const damaged = link.hash.slice(0, -6) + 'AAAAAA'
    await expect(openShareLink('/s', damaged)).rejects.toThrow(/copy it again/)
  })

  it('explains a link with neither code nor share id', async () => {
    await expect(openShareLink('/s', '')).rejects.toThrow(/no character in it/)
  })
})

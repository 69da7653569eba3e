import { describe, expect, it } from 'vitest'
import { createCharacter, quantizeCharacter } from '@facecraft/shared/rig'
import { offlineShareLink, openShareLink } from './share.ts'

describe('share links', () => {
  const character = createCharacter({ sliders: { 'nose.width': 0.8123 } })

  it('round-trips a character through the #fragment with no server', async () => {
    const link = new URL(offlineShareLink({ character, name: 'Ada' }, 'https://facecraft.example'))
    expect(link.pathname).toBe('/s')
    const opened = await openShareLink(link.pathname, link.hash)
    expect(opened).toEqual({ name: 'Ada', character: quantizeCharacter(character) })
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

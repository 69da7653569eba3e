import { describe, expect, it } from 'vitest'
import { pictureFileName } from './save-picture.ts'

describe('pictureFileName', () => {
  it('keeps the name, drops what file systems refuse', () => {
    expect(pictureFileName('Pixel Pia')).toBe('Pixel Pia.png')
    expect(pictureFileName('a/b:c*?', ' card')).toBe('abc card.png')
    expect(pictureFileName('  ')).toBe('character.png')
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useHeadPack } from '@facecraft/shared/engine-v2'
import { createCharacterV2, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import { escapeAttribute, withMeta } from './meta.ts'
import {
  PREVIEW_BACKGROUND,
  PREVIEW_HEIGHT,
  PREVIEW_WIDTH,
  previewPixels,
} from './preview-image.ts'

const meta = {
  name: 'Ada "the <b>"',
  url: 'https://facecraft.example/s/abcdefghijkl',
  image: 'https://facecraft.example/s/abcdefghijkl/preview.png',
  imageWidth: 1200,
  imageHeight: 630,
}

describe('share page meta', () => {
  it('puts escaped Open Graph tags before </head>', () => {
    const html = withMeta('<html><head><title>x</title></head><body></body></html>', meta)
    expect(html).toContain(
      '<meta property="og:title" content="Ada &#34;the &#60;b&#62;&#34;, made with facecraft" />'
    )
    expect(html).toContain(`<meta property="og:image" content="${meta.image}" />`)
    expect(html.indexOf('og:image')).toBeLessThan(html.indexOf('</head>'))
    expect(html).not.toContain('<b>')
  })
  it('puts them after the doctype when the head is implied, and escapes quotes', () => {
    const html = withMeta('<!doctype html>\n<title>t</title><p>hi</p>', meta)
    expect(html.startsWith('<!doctype html>\n<meta property="og:type"')).toBe(true)
    expect(html.endsWith('<title>t</title><p>hi</p>')).toBe(true)
    expect(escapeAttribute(`'&`)).toBe('&#39;&#38;')
  })
})

/** The committed head pack, as the Worker bundles it (share-page/head-pack.ts). */
const engine = useHeadPack(
  new Uint8Array(
    readFileSync(new URL('../../../shared/assets/head-v2/head-v2.bin', import.meta.url))
  )
)

describe('preview image', () => {
  it('is 1200 x 630, opaque, background at the edges and a rig v2 head in the middle', () => {
    const image = previewPixels(engine, createCharacterV2())
    expect([image.width, image.height]).toEqual([PREVIEW_WIDTH, PREVIEW_HEIGHT])
    const at = (x: number, y: number) => [
      ...image.data.subarray((y * PREVIEW_WIDTH + x) * 4, (y * PREVIEW_WIDTH + x) * 4 + 4),
    ]
    expect(at(0, 0)).toEqual([...PREVIEW_BACKGROUND, 255])
    expect(at(1199, 629)).toEqual([...PREVIEW_BACKGROUND, 255])
    expect(at(600, 300).slice(0, 3)).not.toEqual([...PREVIEW_BACKGROUND])
  })
  it('is deterministic and differs between characters', () => {
    const bytes = (seed: number) =>
      Buffer.from(previewPixels(engine, randomPlausibleCharacter(seed)).data)
    const a = bytes(4)
    expect(bytes(4).equals(a)).toBe(true)
    expect(bytes(5).equals(a)).toBe(false)
  })
})

/**
 * @module share-page/meta — Open Graph and Twitter card tags for a shared character, put into the app's
 * index.html, so a link pasted in a chat app shows the character's name and picture.
 */

/** Escapes text for an HTML attribute value. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export interface ShareMeta {
  /** The character's name ('' when unnamed). */
  name: string
  /** Absolute URLs of the share page and its preview image. */
  url: string
  image: string
  imageWidth: number
  imageHeight: number
}

/** The tags, one per line. */
export function metaTags(meta: ShareMeta): string {
  const title = `${meta.name.trim() || 'A character'}, made with facecraft`
  const description =
    'Open it to see the face up close, turn it round, and save it to your own gallery.'
  const tags: Array<[string, string, string]> = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', 'facecraft'],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', meta.url],
    ['property', 'og:image', meta.image],
    ['property', 'og:image:type', 'image/png'],
    ['property', 'og:image:width', String(meta.imageWidth)],
    ['property', 'og:image:height', String(meta.imageHeight)],
    ['property', 'og:image:alt', `${meta.name.trim() || 'A character'}, front view`],
    ['name', 'twitter:card', 'summary_large_image'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:image', meta.image],
  ]
  return tags
    .map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeAttribute(value)}" />`)
    .join('\n    ')
}

/**
 * `html` with the tags placed before </head>, or, in a document whose head is implied (no </head>), right after
 * the doctype, where the parser still puts them in the head.
 */
export function withMeta(html: string, meta: ShareMeta): string {
  const at = html.indexOf('</head>')
  if (at >= 0) return `${html.slice(0, at)}  ${metaTags(meta)}\n  ${html.slice(at)}`
  const doctype = /^\s*<!doctype[^>]*>\s*/i.exec(html)?.[0] ?? ''
  return `${doctype}${metaTags(meta)}\n${html.slice(doctype.length)}`
}

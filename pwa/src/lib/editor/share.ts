/**
 * @module lib/editor/share — share links. The character travels in the link's #fragment as an offline share code, so a
 * link opens with no server at all (fragments are never sent to a server); an API share id in the path lets a
 * short link or a future preview page work too. Format: `<origin>/s/<shareId>#c=fc2.xxx` or `<origin>/s#c=fc2.xxx`;
 * links made before rig v2 (`fc1.`) still open, migrated to the closest v2 character.
 */
import { renderSVG } from 'uqr'
import type { ShareCreatedResponse, SharedCharacterResponse } from '@facecraft/shared/api'
import type { SharedCharacter } from '@facecraft/shared/rig'
import {
  decodeAnyShareCode,
  encodeShareCodeV2,
  extractAnyShareCode,
  openCharacter,
} from '@facecraft/shared/rig-v2'
import { api } from '../account/api-client.ts'
import { getSetting, setSetting } from '../store/db.ts'

/**
 * The QR code (SVG) of a link, or null when the link is longer than a QR code holds (about 2,950 characters at
 * the lowest error correction): a character with its skin-detail residual makes an offline link of ~2,700, with its
 * octave too ~7,000 (see shareQr).
 */
export function qrSvg(link: string): string | null {
  try {
    return renderSVG(link, { ecc: 'L', border: 2 })
  } catch (error) {
    if (/too long/i.test((error as Error).message)) return null
    throw error
  }
}

/**
 * The QR code of the sheet's `link` for `shared`; where the link is too long for one (an offline link of a character
 * whose skin detail carries its octave, detail/octave: ~7,000 characters), the QR code of the offline link of the
 * character without the octave (`lean`: the sheet says so; the link itself carries everything). Null only when
 * even that does not fit.
 */
export function shareQr(
  link: string,
  shared: SharedCharacter,
  origin = location.origin
): { svg: string; lean: boolean } | null {
  const svg = qrSvg(link)
  if (svg) return { svg, lean: false }
  const detail = shared.character.detail
  if (!detail?.octave) return null
  const { octave: _, ...lean } = detail
  const leanSvg = qrSvg(
    offlineShareLink({ ...shared, character: { ...shared.character, detail: lean } }, origin)
  )
  return leanSvg ? { svg: leanSvg, lean: true } : null
}

/** A link that opens the character offline (no share id). */
export function offlineShareLink(shared: SharedCharacter, origin = location.origin): string {
  return `${origin}/s#c=${encodeShareCodeV2(shared.character, shared.name)}`
}

/** An account share's two links: `short` (the id alone, ~40 characters, a sparse QR code, a preview image in chat
 * apps; opens through the server) and `full` (the id and the code: also opens with no server). */
export interface AccountShareLinks {
  short: string
  full: string
}

/**
 * Registers a share on the server (once per saved revision: shares are snapshots and accounts have a quota of
 * them, so reopening the share sheet reuses the last one) and returns its short and full links.
 */
export async function createShareLink(
  characterId: string,
  revision: number,
  shared: SharedCharacter
): Promise<AccountShareLinks> {
  const key = `share.${characterId}`
  const known = await getSetting<{ revision: number; path: string }>(key)
  let path = known?.revision === revision ? known.path : null
  if (!path) {
    const created = await api<ShareCreatedResponse>('/v1/shares', {
      method: 'POST',
      auth: true,
      body: { characterId },
    })
    path = new URL(created.url, location.origin).pathname
    await setSetting(key, { revision, path }).catch(() => undefined)
  }
  const short = `${location.origin}${path}`
  return { short, full: `${short}#c=${encodeShareCodeV2(shared.character, shared.name)}` }
}

/** A shared character, and whether it was made with the old head (rig v1) and opened as the closest v2 one. */
export type OpenedShare = SharedCharacter & { migrated: boolean }

/**
 * Opens a shared link: the offline code when present (`fc2.`, or an older `fc1.` migrated; throws ShareCodeError
 * if damaged), else the API share (its character opened through openCharacter: the server may hold rig v1).
 */
export async function openShareLink(path: string, hash: string): Promise<OpenedShare> {
  const code = extractAnyShareCode(decodeURIComponent(hash))
  if (code) return decodeAnyShareCode(code)
  const id = /^\/s\/([A-Za-z0-9_-]{1,64})$/.exec(path)?.[1]
  if (!id) throw new Error('This link has no character in it; ask the sender to share it again.')
  const share = await api<SharedCharacterResponse>(`/v1/shares/${id}`)
  const opened = openCharacter(share.character)
  return { character: opened.character, name: share.name, migrated: opened.migratedFrom === 1 }
}

/** Native share sheet where the browser has one, else the clipboard. Resolves to what happened. */
export async function shareOrCopy(
  link: string,
  title: string
): Promise<'shared' | 'copied' | 'cancelled'> {
  if (typeof navigator.share === 'function' && navigator.canShare?.({ url: link }) !== false) {
    try {
      await navigator.share({ title, text: `Meet ${title}, made with facecraft`, url: link })
      return 'shared'
    } catch (error) {
      if ((error as Error).name === 'AbortError') return 'cancelled'
      // Share sheets can fail (no target apps, not allowed here); fall back to the clipboard.
    }
  }
  await navigator.clipboard.writeText(link)
  return 'copied'
}

/**
 * @module features/render/head-pack — fetches engine v2's head asset pack and its skin-detail basis (static
 * assets, precached by the service worker, so they load offline after the first visit) and installs them in this
 * Worker's engine, once.
 * A failed load is reported with what to do and retried on the next render (a flaky network must not make the
 * editor blank for the rest of the session).
 */
import { decodeSkinDetail } from '@facecraft/shared/detail'
import { useHeadPack } from '@facecraft/shared/engine-v2'

/** What the player reads when the head cannot be loaded. */
export const HEAD_PACK_MESSAGE =
  "Couldn't load the 3D head the editor draws with. Connect to the internet once and reload the app; after that it works offline."

/** The pack's bytes from `url`; throws an Error with HEAD_PACK_MESSAGE (and the cause) when it cannot. */
export async function fetchHeadPack(
  url: string,
  fetchFn: typeof fetch = fetch
): Promise<Uint8Array> {
  let response: Response
  try {
    response = await fetchFn(url)
  } catch (error) {
    throw new Error(`${HEAD_PACK_MESSAGE} (${(error as Error).message})`)
  }
  if (!response.ok) throw new Error(`${HEAD_PACK_MESSAGE} (HTTP ${response.status})`)
  return new Uint8Array(await response.arrayBuffer())
}

let loading: Promise<void> | null = null

/**
 * Resolves once the pack at `url` (and the skin-detail basis at `detailUrl`, when given: characters made from a
 * photo carry skin detail) is installed in this realm's engine v2; concurrent callers share one load.
 */
export function ensureHeadPack(
  url: string,
  fetchFn: typeof fetch = fetch,
  detailUrl?: string
): Promise<void> {
  loading ??= Promise.all([
    fetchHeadPack(url, fetchFn),
    detailUrl ? fetchHeadPack(detailUrl, fetchFn) : null,
  ])
    .then(([bytes, detail]) => {
      try {
        const engine = useHeadPack(bytes)
        if (detail) engine.useSkinDetail(decodeSkinDetail(detail))
      } catch (error) {
        // A pack that does not parse (cut off by a proxy, an old cached copy): same advice, with the cause.
        throw new Error(`${HEAD_PACK_MESSAGE} (${(error as Error).message})`)
      }
    })
    .catch((error: unknown) => {
      loading = null
      throw error
    })
  return loading
}

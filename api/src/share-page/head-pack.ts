/**
 * @module share-page/head-pack — engine v2's head asset pack, bundled into the Worker (wrangler's default module
 * rule loads `**\/*.bin` as Data: an ArrayBuffer, ~4 MB, 1.5 MB gzipped in the upload) and decoded on first use,
 * once per isolate: API requests of a fresh isolate never pay for it, only the first preview image does.
 * Kept apart from preview-image.ts so Node tests can hand that module the pack read from disk.
 */
import headPack from '@facecraft/shared/assets/head-v2.bin'
import { useHeadPack, type CharacterEngineV2 } from '@facecraft/shared/engine-v2'

let engine: CharacterEngineV2 | null = null

/** The isolate's engine v2, decoding the bundled pack on the first call. */
export function headEngine(): CharacterEngineV2 {
  return (engine ??= useHeadPack(new Uint8Array(headPack)))
}

/**
 * @module cli/engine-v2 — engine v2 for Node commands: loads the committed head asset pack once and renders
 * with the look layer's textured shader (the same code the PWA will run).
 */
import { existsSync, readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import {
  useHeadPack,
  type CharacterEngineV2,
  type ShaderFactory,
} from '@facecraft/shared/engine-v2'
import { createHeadShader } from '@facecraft/shared/engine-v2/look'
import {
  decodeSkinDetail,
  SKIN_DETAIL_PIXELS,
  SKIN_DETAIL_VERSION,
  type SkinDetailBasis,
} from '@facecraft/shared/detail'

/** The committed head asset pack. */
export const HEAD_PACK_URL = new URL('../../shared/assets/head-v2/head-v2.bin', import.meta.url)
/** The committed skin-detail basis (models/detail/build.ts): how characters' skin detail is drawn. */
export const SKIN_DETAIL_URL = new URL(
  `../../shared/assets/skin-detail/skin-detail-v${SKIN_DETAIL_VERSION}.bin`,
  import.meta.url
)

let engine: CharacterEngineV2 | null = null

/** The process-wide engine v2 (the pack and the skin-detail basis are read and decoded on first use). */
export function engineV2(): CharacterEngineV2 {
  if (!engine) {
    engine = useHeadPack(new Uint8Array(readFileSync(HEAD_PACK_URL)))
    engine.useSkinDetail(skinDetailBasis())
  }
  return engine
}

let basis: SkinDetailBasis | null = null

/**
 * The skin-detail basis (decoded once): the committed one, or the file $FACECRAFT_SKIN_DETAIL names (a candidate
 * basis to evaluate, e.g. one built without the photos an evaluation holds out: models/detail/build.ts --exclude).
 */
export function skinDetailBasis(): SkinDetailBasis {
  if (basis) return basis
  basis = decodeSkinDetail(
    new Uint8Array(readFileSync(process.env.FACECRAFT_SKIN_DETAIL || SKIN_DETAIL_URL))
  )
  // a candidate over other pixels than the released grid reads no residual (detail/residual): say so, since its
  // figures then leave the residual out
  if (basis.pixels.length !== SKIN_DETAIL_PIXELS)
    process.stderr.write(
      `warning: the skin-detail basis ${process.env.FACECRAFT_SKIN_DETAIL} covers ${basis.pixels.length} pixels, not the released ${SKIN_DETAIL_PIXELS}: characters read on it carry no residual or octave (rebuild it with models/detail/build.ts --exclude, which keeps the released pixels).\n`
    )
  return basis
}

/** The look layer's textured shader, as the geometry engine takes it. */
export const lookShader: ShaderFactory = createHeadShader as unknown as ShaderFactory

/** Brotli (quality 11) size of everything a phone downloads for engine v2: the head pack and the detail basis. */
export function assetsBytes(): number {
  const brotli = (url: URL) =>
    brotliCompressSync(readFileSync(url), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      .length
  return brotli(HEAD_PACK_URL) + brotli(SKIN_DETAIL_URL)
}

/** The real-photo folder: $FACECRAFT_FACES, else `shared/faces` beside the main checkout; null if absent. */
export function facesDir(): string | null {
  if (process.env.FACECRAFT_FACES) return process.env.FACECRAFT_FACES
  try {
    const common = execFileSync(
      'git',
      ['rev-parse', '--path-format=absolute', '--git-common-dir'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }
    ).trim()
    const dir = join(dirname(dirname(common)), 'shared', 'faces')
    return existsSync(join(dir, 'index.csv')) ? dir : null
  } catch {
    return null
  }
}

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makehumanDir, PACK_PATH } from './build-assets.ts'
import { buildPack } from './head-pack/build.ts'

const data = makehumanDir([])
const hasData = !!data && existsSync(join(data, 'data', '3dobjs', 'base.obj'))
if (!hasData) {
  console.warn(
    'build-assets.test: MakeHuman data not found (set FACECRAFT_MAKEHUMAN); the byte-identical rebuild is skipped.'
  )
}

describe('head asset pack', () => {
  it('exists and is committed', () => {
    expect(existsSync(PACK_PATH)).toBe(true)
  })

  it.skipIf(!hasData)(
    'rebuilds byte-identically from the MakeHuman data',
    () => {
      const built = buildPack(data!)
      const committed = new Uint8Array(readFileSync(PACK_PATH))
      expect(built.length).toBe(committed.length)
      expect(Buffer.compare(Buffer.from(built), Buffer.from(committed))).toBe(0)
    },
    180_000
  )
})

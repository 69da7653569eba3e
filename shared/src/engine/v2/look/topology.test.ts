import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { randomPlausibleCharacter } from '../../../rig/v2/character.ts'
import { useHeadPack } from '../index.ts'
import { restOf } from './skin.ts'
import { findParts, strandParts } from './topology.ts'

const PACK = new URL('../../../../assets/head-v2/head-v2.bin', import.meta.url)

describe('strand parts', () => {
  it('read from the part ranges are those a scan of the whole mesh finds', () => {
    const engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
    let checked = 0
    for (let seed = 1; seed <= 12; seed++) {
      const mesh = engine.pose(randomPlausibleCharacter(seed))
      expect(mesh.parts?.length).toBeGreaterThan(3)
      const rest = restOf(mesh)
      const fast = strandParts(mesh, rest)
      const scan = findParts(mesh, rest)
      expect(fast.map((p) => [p.material, p.first, p.key])).toEqual(
        scan.map((p) => [p.material, p.first, p.key])
      )
      fast.forEach((p, i) => {
        const q = scan[i]!
        expect(p.mesh.vertexCount).toBe(q.mesh.vertexCount)
        expect(Buffer.from(p.mesh.indices.buffer).equals(Buffer.from(q.mesh.indices.buffer))).toBe(
          true
        )
        expect(p.topo).toBe(q.topo) // the same cached analysis
        checked++
      })
    }
    expect(checked).toBeGreaterThan(30)
  })
})

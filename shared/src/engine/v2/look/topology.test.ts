import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { randomPlausibleCharacter } from '../../../rig/v2/character.ts'
import { useHeadPack } from '../index.ts'
import { MATERIAL } from '../mesh-types.ts'
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

describe('lash strips', () => {
  it('run from the root (t -1) at the lid to the free side (t +1) in every column of every lash style', () => {
    // Session 47: t came from bins along |x|; a leaning lash column split by a bin edge left a bin holding only
    // the column's upper vertices, which it called its bottom (t -1): the solid lash line was drawn over the
    // lashes' upper part, a black triangle above the iris. Now, in the neutral head, the higher of two vertices of
    // one upper lash column (within 0.12 cm in |x|) over the iris (2.4-3.9 cm from the midline: at the corners the strip turns down
    // steeply and nearby columns overlap in |x|) has the higher t, and the columns span most of [-1, 1].
    const engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
    for (const lashes of ['natural', 'full', 'long', 'short']) {
      const c = randomPlausibleCharacter(3)
      c.styles['eyes.lashes'] = lashes
      const mesh = engine.pose(c)
      const rest = restOf(mesh)
      const lash = strandParts(mesh, rest).find((p) => p.material === MATERIAL.lash)!
      const { s, t } = lash.topo
      const at = (v: number, k: number) => lash.rest[v * 3 + k]!
      const upper = Array.from({ length: lash.mesh.vertexCount }, (_, v) => v).filter(
        (v) => s[v]! < 1.5 && Math.abs(at(v, 0)) > 2.4 && Math.abs(at(v, 0)) < 3.9
      )
      let pairs = 0
      const inverted: string[] = []
      for (const a of upper)
        for (const b of upper) {
          if (Math.sign(at(a, 0)) !== Math.sign(at(b, 0))) continue
          if (
            Math.abs(Math.abs(at(a, 0)) - Math.abs(at(b, 0))) > 0.12 ||
            at(b, 1) - at(a, 1) < 0.08
          )
            continue
          pairs++
          if (t[b]! <= t[a]!)
            inverted.push(
              `${lashes}: x ${at(a, 0).toFixed(2)} y ${at(a, 1).toFixed(2)} t ${t[a]!.toFixed(2)} below y ${at(b, 1).toFixed(2)} t ${t[b]!.toFixed(2)}`
            )
        }
      expect(pairs).toBeGreaterThan(50)
      expect(inverted, inverted.slice(0, 5).join('; ')).toEqual([])
      const ts = upper.map((v) => t[v]!)
      expect(Math.min(...ts)).toBeLessThan(-0.8)
      expect(Math.max(...ts)).toBeGreaterThan(0.8)
    }
  })
})

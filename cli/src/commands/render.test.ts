/** @file `facecraft render`: writes real PNGs, and refuses bad calls with messages that say what to do. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodePng } from '@facecraft/shared/image'
import { createCharacter, encodeShareCode } from '@facecraft/shared/rig'
import {
  createCharacterV2,
  encodeShareCodeV2,
  randomPlausibleCharacter,
} from '@facecraft/shared/rig-v2'
import { describe, expect, it, vi } from 'vitest'
import { UsageError } from '../command.ts'
import { renderCommand } from './render.ts'

const dir = mkdtempSync(join(tmpdir(), 'facecraft-render-'))
const run = (...argv: string[]) => renderCommand.run(argv)
vi.spyOn(console, 'log').mockImplementation(() => {})

describe('facecraft render', () => {
  it(
    'renders a random character, a share code and a JSON file to PNG',
    { timeout: 60_000 },
    async () => {
      const out = join(dir, 'a.png')
      expect(
        await run('--random', '3', '--size', '64', '--background', '#ffffff', '--out', out)
      ).toBe(0)
      const png = decodePng(readFileSync(out))
      expect([png.width, png.height, png.data[3]]).toEqual([64, 64, 255])
      const code = encodeShareCode(createCharacter({ sliders: { 'nose.width': 0.9 } }))
      expect(await run('--code', code, '--size', '32', '--yaw', '20', '--out', out)).toBe(0)
      const file = join(dir, 'c.json')
      writeFileSync(file, JSON.stringify(createCharacter()))
      expect(await run('--params', file, '--size', '32', '--out', out)).toBe(0)
    }
  )

  it('draws a deterministic contact sheet', { timeout: 60_000 }, async () => {
    const [a, b] = [join(dir, 's1.png'), join(dir, 's2.png')]
    await run('--sheet', '3', '--seed', '4', '--size', '32', '--out', a)
    await run('--sheet', '3', '--seed', '4', '--size', '32', '--out', b)
    const png = decodePng(readFileSync(a))
    expect([png.width, png.height]).toEqual([64, 64]) // 2 x 2 grid for 3 cells
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true)
  })

  it(
    'renders engine v2: plausible random, fc2 and fc1 codes, v1 and v2 JSON, sheets',
    { timeout: 120_000 },
    async () => {
      const out = join(dir, 'v2.png')
      const opt = ['--engine', '2', '--size', '48', '--background', '#ffffff', '--out', out]
      expect(await run('--random', '3', ...opt)).toBe(0)
      const png = decodePng(readFileSync(out))
      expect([png.width, png.height]).toEqual([48, 48])
      expect(await run('--code', encodeShareCodeV2(randomPlausibleCharacter(2)), ...opt)).toBe(0)
      expect(await run('--code', encodeShareCode(createCharacter()), ...opt)).toBe(0)
      const file = join(dir, 'v2.json')
      writeFileSync(file, JSON.stringify(createCharacterV2()))
      expect(await run('--params', file, ...opt)).toBe(0)
      writeFileSync(file, JSON.stringify(createCharacter()))
      expect(await run('--params', file, ...opt)).toBe(0)
      writeFileSync(file, JSON.stringify({ ...createCharacterV2(), styles: {} }))
      await expect(run('--params', file, ...opt)).rejects.toThrow(/not a valid rig v2 character/)
      await expect(run('--code', 'fc2.AAAA', ...opt)).rejects.toThrow(/bad share code/)
      expect(await run('--sheet', '2', '--seed', '1', ...opt)).toBe(0)
      await expect(run('--random', '1', '--engine', '3', '--out', out)).rejects.toThrow(UsageError)
    }
  )

  it('explains wrong calls', async () => {
    const out = join(dir, 'x.png')
    await expect(run('--random', '1')).rejects.toThrow(/--out FILE.png is required/)
    await expect(run('--random', '1', '--code', 'x', '--out', out)).rejects.toThrow(
      /choose one source/
    )
    await expect(run('--out', out)).rejects.toThrow(/say what to render/)
    await expect(run('--random', '1', '--size', '9', '--out', out)).rejects.toThrow(UsageError)
    await expect(run('--random', '1', '--background', 'red', '--out', out)).rejects.toThrow(
      /#rrggbb/
    )
    await expect(run('--code', 'fc1.nonsense', '--out', out)).rejects.toThrow(/bad share code/)
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ ...createCharacter(), sliders: { 'nose.width': 3 } }))
    await expect(run('--params', bad, '--out', out)).rejects.toThrow(/not a valid character/)
    await expect(run('--params', join(dir, 'missing.json'), '--out', out)).rejects.toThrow(
      /cannot read/
    )
  })
})

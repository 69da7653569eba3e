/** @file `facecraft detect` end to end on a real photo, and its messages for files that are not photos. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodePng } from '@facecraft/shared/image'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { detectCommand } from './detect.ts'

const PHOTO = new URL(
  '../../../node_modules/@vladmandic/face-api/demo/sample4.jpg',
  import.meta.url
).pathname
const dir = mkdtempSync(join(tmpdir(), 'facecraft-detect-'))

afterEach(() => vi.restoreAllMocks())

describe('facecraft detect', () => {
  it('prints one JSON object with the faces and writes an overlay', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const out = join(dir, 'overlay.png')
    expect(await detectCommand.run([PHOTO, '--json', '--out', out])).toBe(0)
    const result = JSON.parse(log.mock.calls.at(-1)![0] as string)
    expect(result.detections).toBe(4)
    expect(result.faces).toHaveLength(1)
    expect(result.faces[0].ibug68).toHaveLength(136)
    expect(Object.keys(result.faces[0].pose)).toEqual(['yaw', 'pitch', 'roll'])
    expect(result.warnings.map((w: { code: string }) => w.code)).toContain('several-faces')
    const overlay = decodePng(new Uint8Array(readFileSync(out)))
    expect([overlay.width, overlay.height]).toEqual([result.width, result.height])
  })

  it.each([
    ['empty.jpg', '', /empty \(0 bytes\)/],
    ['notes.jpg', 'not a photo', /not an image/],
  ])('explains what is wrong with %s', async (name, content, message) => {
    const file = join(dir, name)
    writeFileSync(file, content)
    await expect(detectCommand.run([file])).rejects.toThrow(message)
  })

  it('says when the path cannot be read', async () => {
    await expect(detectCommand.run([join(dir, 'missing.jpg')])).rejects.toThrow(
      /cannot read .*check the path/
    )
  })
})

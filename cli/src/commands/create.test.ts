/** @file `facecraft create` end to end with the released translator: a one-face photo in, character JSON and
 * renders out; a photo without a face gets the typed error's message and exit code 1, not a crash. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decodeImage, exifSegment, withExifSegment } from '@facecraft/shared/decode'
import { createImage, decodePng, encodePng } from '@facecraft/shared/image'
import { checkCharacterV2 } from '@facecraft/shared/rig-v2'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCommand } from './create.ts'

const dir = mkdtempSync(join(tmpdir(), 'facecraft-create-'))

/** A vertical strip [from, to) (fractions of the width) of face-api's demo photo 2, as a PNG file: 0.36-0.66
 * holds its frontal middle face only, 0-0.3 its left face only, turned about 50 degrees. */
function onePhoto(from = 0.36, to = 0.66): string {
  const url = new URL(
    '../../../node_modules/@vladmandic/face-api/demo/sample2.jpg',
    import.meta.url
  )
  const { image } = decodeImage(new Uint8Array(readFileSync(url)))
  const x0 = Math.round(image.width * from)
  const w = Math.round(image.width * to) - x0
  const out = createImage(w, image.height)
  for (let y = 0; y < image.height; y++)
    out.data.set(
      image.data.subarray((y * image.width + x0) * 4, (y * image.width + x0 + w) * 4),
      y * w * 4
    )
  const file = join(dir, `strip-${from}-${to}.png`)
  writeFileSync(file, encodePng(out))
  return file
}

afterEach(() => vi.restoreAllMocks())

describe('facecraft create', () => {
  it('writes the character, a render and the side-by-side, refined when a refine graph for the rig is released', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    const [out, png, compare] = ['c.json', 'r.png', 'side.png'].map((f) => join(dir, f))
    const args = [
      onePhoto(),
      '--json',
      '--refine',
      '--out',
      out!,
      '--png',
      png!,
      '--compare',
      compare!,
    ]
    const code = await createCommand.run(args)
    expect(code, err.mock.calls.flat().join(' ')).toBe(0)
    const result = JSON.parse(log.mock.calls.at(-1)![0] as string)
    const character = JSON.parse(readFileSync(out!, 'utf8'))
    expect(character).toEqual(result.character)
    expect(checkCharacterV2(character)).toEqual([])
    expect(decodePng(new Uint8Array(readFileSync(png!))).width).toBe(512)
    const side = decodePng(new Uint8Array(readFileSync(compare!)))
    // photo | translator, and | refined when the release has a refine graph for rig v2.
    expect(side.width).toBe(result.refine.skipped ? 512 : 768)
    expect(side.height).toBeGreaterThan(256) // the labels under the panels
    expect(Object.keys(result.similarities.translator)).toEqual(['faceres', 'dlib'])
    // what was read from the photo rather than taken from the translator
    expect(Object.keys(result.read)).toEqual([
      'hair',
      'skin',
      'iris',
      'lips',
      'facialHair',
      'gender',
    ])
    expect(result.read.gender.female).toBeGreaterThanOrEqual(0)
    expect(result.read.gender.female).toBeLessThanOrEqual(1)
    expect(result.read.skin.tone).toBeGreaterThanOrEqual(0)
    if (result.refine.skipped)
      expect(err.mock.calls.flat().join(' ')).toMatch(/No refine graph is released/)
    else expect(Object.keys(result.similarities)).toContain('refined')
  }, 120_000)

  it('explains a photo without a face and exits 1', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    const blank = createImage(200, 200)
    blank.data.fill(180)
    const file = join(dir, 'blank.png')
    writeFileSync(file, encodePng(blank))
    expect(await createCommand.run([file])).toBe(1)
    expect(err.mock.calls.flat().join(' ')).toMatch(/No face found.*\(no-face\)/)
  }, 60_000)

  it('refuses a face turned too far, saying to use a frontal photo', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await createCommand.run([onePhoto(0, 0.3)])).toBe(1)
    expect(err.mock.calls.flat().join(' ')).toMatch(/frontal photo.*\(low-quality\)/)
  }, 60_000)

  it('checks --steps and --focal before loading anything', async () => {
    await expect(createCommand.run(['x.jpg', '--steps', '0'])).rejects.toThrow(/--steps takes/)
    for (const bad of ['abc', '-26', '5', '2000'])
      await expect(createCommand.run(['x.jpg', '--focal', bad])).rejects.toThrow(/--focal/)
  })

  it("reads a close-up with its lens: the flag's, else none (a PNG has no EXIF), and 0 reads it as taken", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const photo = onePhoto()
    const run = async (...flags: string[]) => {
      expect(await createCommand.run([photo, '--json', ...flags])).toBe(0)
      return JSON.parse(log.mock.calls.at(-1)![0] as string)
    }
    const plain = await run()
    expect(plain.camera).toBeNull()
    expect((await run('--focal', '0')).camera).toBeNull()
    const near = await run('--focal', '26')
    expect(near.camera).toMatchObject({ focalLength35mm: 26, from: 'flag' })
    expect(near.camera.distanceCm).toBeGreaterThan(5)
    // a longer lens for the same picture: the camera was further away, in proportion
    const far = await run('--focal', '52')
    expect(far.camera.distanceCm / near.camera.distanceCm).toBeCloseTo(2, 1)
  }, 120_000)

  it("takes the lens from a JPEG's own EXIF, and reads the photo as taken where the tag is odd", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // face-api's demo photo 4: one face, and its camera's EXIF says a 55 mm (35-mm equivalent) lens
    const photo = fileURLToPath(
      new URL('../../../node_modules/@vladmandic/face-api/demo/sample4.jpg', import.meta.url)
    )
    const run = async (file: string) => {
      expect(await createCommand.run([file, '--json'])).toBe(0)
      return JSON.parse(log.mock.calls.at(-1)![0] as string)
    }
    const own = (await run(photo)).camera
    expect(own).toMatchObject({ focalLength35mm: 55, from: 'EXIF' })
    expect(own.distanceCm).toBeGreaterThan(20)
    // an Exif segment before the camera's (the first counts) with a 3 mm lens: a bad tag, not a bad photo
    const odd = join(dir, 'odd-lens.jpg')
    writeFileSync(
      odd,
      withExifSegment(new Uint8Array(readFileSync(photo)), exifSegment({ focalLength35mm: 3 }))
    )
    expect((await run(odd)).camera).toBeNull()
  }, 120_000)
})

/** @file The public engine API: determinism (golden hashes), options, errors, framing and landmarks. */
import { describe, expect, it } from 'vitest'
import { createCharacter, randomCharacter } from '../rig/character.ts'
import { crc32 } from '../utils/crc32.ts'
import { characterLandmarks, FRONT_VIEW, renderCharacter, triangleCount } from './index.ts'

const hash = (data: Uint8ClampedArray) => crc32(new Uint8Array(data.buffer)).toString(16)

/** Golden hashes: a change here is a change of every rendered dataset; update only on purpose. */
const GOLDEN = {
  default128: 'd5979c4d',
  random7_200_yaw20: '967f43dc',
}

describe('renderCharacter', () => {
  it('is deterministic: the same character and options give the same bytes (golden hashes)', () => {
    const a = renderCharacter(createCharacter(), { size: 128 })
    const b = renderCharacter(createCharacter(), { size: 128 })
    expect(hash(a.data)).toBe(hash(b.data))
    expect(hash(a.data)).toBe(GOLDEN.default128)
    const c = renderCharacter(randomCharacter(7), { size: 200, yaw: 20, background: [10, 20, 30] })
    expect(hash(c.data)).toBe(GOLDEN.random7_200_yaw20)
  })

  it('renders any square size, with a transparent or solid background', () => {
    for (const size of [16, 97, 256]) {
      const img = renderCharacter(createCharacter(), { size })
      expect([img.width, img.height, img.data.length]).toEqual([size, size, size * size * 4])
    }
    const clear = renderCharacter(createCharacter(), { size: 64 })
    expect(clear.data[3]).toBe(0) // a corner is background
    const solid = renderCharacter(createCharacter(), { size: 64, background: [255, 0, 0] })
    expect([...solid.data.subarray(0, 4)]).toEqual([255, 0, 0, 255])
  })

  it('turns the head with yaw: + moves the nose toward the image right (the subject`s left)', () => {
    const front = characterLandmarks(createCharacter(), { size: 256 })
    const turned = characterLandmarks(createCharacter(), { size: 256, yaw: 25 })
    expect(turned.named.noseTip![0]).toBeGreaterThan(front.named.noseTip![0] + 10)
  })

  it('rejects bad sizes with a message that says what is allowed', () => {
    expect(() => renderCharacter(createCharacter(), { size: 0 })).toThrow(/16 to 2048/)
    expect(() => renderCharacter(createCharacter(), { size: 12.5 })).toThrow(/integer/)
  })

  it('has at least 5,000 triangles at the default level of detail', () => {
    expect(triangleCount()).toBeGreaterThanOrEqual(5000)
  })
})

describe('characterLandmarks', () => {
  it('gives 68 finite points and named extras for random characters, sizes and yaws', () => {
    for (let seed = 0; seed < 12; seed++) {
      const size = 64 + seed * 40
      const lm = characterLandmarks(randomCharacter(seed), { size, yaw: (seed % 5) * 10 - 20 })
      expect(lm.ibug68.length).toBe(136)
      expect(lm.visible.length).toBe(68)
      expect(lm.ibug68.every((v) => Number.isFinite(v) && v > 0 && v < size)).toBe(true)
      for (const name of [
        'pupil.L',
        'pupil.R',
        'earTip.L',
        'earTip.R',
        'noseTip',
        'chin',
        'mouth',
      ]) {
        expect(lm.named[name]?.every(Number.isFinite), name).toBe(true)
      }
    }
  })

  it('scales with the image size and follows the iBUG layout', () => {
    const c = createCharacter()
    const a = characterLandmarks(c, { size: 100 })
    const b = characterLandmarks(c, { size: 300 })
    for (let i = 0; i < 136; i++) expect(b.ibug68[i]!).toBeCloseTo(a.ibug68[i]! * 3, 2)
    const x = (i: number) => a.ibug68[i * 2]!
    const y = (i: number) => a.ibug68[i * 2 + 1]!
    expect(x(0)).toBeLessThan(x(16)) // jaw runs image-left to image-right
    expect(y(8)).toBeGreaterThan(y(57)) // chin below the lower lip
    expect(y(19)).toBeLessThan(y(37)) // brows above the eyes
    expect(x(36)).toBeLessThan(x(39)) // image-left eye: outer corner first
    expect(x(42)).toBeLessThan(x(45))
    expect(y(30)).toBeLessThan(y(33)) // nose tip above the nostril base
    expect(y(51)).toBeLessThan(y(57))
    expect([...a.visible.subarray(17)].every((v) => v === 1)).toBe(true) // front view: all face the camera
  })

  it('matches FRONT_VIEW: the documented eye and mouth positions of the default character', () => {
    const lm = characterLandmarks(createCharacter(), { size: 1000 })
    const at = (name: string) => lm.named[name]!.map((v) => v / 1000)
    expect(at('pupil.R')[0]).toBeCloseTo(FRONT_VIEW.rightEye[0], 3)
    expect(at('pupil.R')[1]).toBeCloseTo(FRONT_VIEW.rightEye[1], 3)
    expect(at('pupil.L')[0]).toBeCloseTo(FRONT_VIEW.leftEye[0], 3)
    expect(at('pupil.L')[1]).toBeCloseTo(FRONT_VIEW.leftEye[1], 3)
    expect(at('mouth')[0]).toBeCloseTo(FRONT_VIEW.mouth[0], 3)
    expect(at('mouth')[1]).toBeCloseTo(FRONT_VIEW.mouth[1], 3)
  })
})

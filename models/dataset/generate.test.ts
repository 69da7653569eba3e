import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { alignTemplate } from '@facecraft/shared/face'
import { RIG_V2, VECTOR_LENGTH_V2 } from '@facecraft/shared/rig-v2'
import { afterAll, describe, expect, it } from 'vitest'
import { generate, type GenerateOptions } from './generate.ts'
import { decodeNpy } from './npy.ts'
import { datasetEngine } from './engines.ts'
import { planShards, type DatasetIndex } from './format.ts'
import { sampleCharacter } from './sample.ts'

const dir = await mkdtemp(join(tmpdir(), 'facecraft-dataset-'))
afterAll(() => rm(dir, { recursive: true, force: true }))
const options: GenerateOptions = {
  out: dir,
  rig: 2,
  count: 6,
  seed: 3,
  size: 64,
  priorShare: 0.5,
  shardSize: 4,
  workers: 2,
}

describe('dataset generation', () => {
  it('plans shards that cover every sample once', () => {
    expect(planShards(10, 4)).toEqual([
      { name: 'shard-00000', start: 0, count: 4 },
      { name: 'shard-00001', start: 4, count: 4 },
      { name: 'shard-00002', start: 8, count: 2 },
    ])
  })

  it('draws the same character for the same (seed, index) and others elsewhere, for both rigs', () => {
    for (const rig of [1, 2]) {
      const e = datasetEngine(rig)
      expect(sampleCharacter(e, 1, 5, 0.25)).toEqual(sampleCharacter(e, 1, 5, 0.25))
      expect(sampleCharacter(e, 1, 5, 0.25)).not.toEqual(sampleCharacter(e, 1, 6, 0.25))
      expect(sampleCharacter(e, 1, 5, 0.25)).not.toEqual(sampleCharacter(e, 2, 5, 0.25))
      expect(sampleCharacter(e, 1, 5, 0).rig).toBe(rig)
    }
    expect(() => datasetEngine(3)).toThrow(/--rig 1 or --rig 2/)
  })

  it('with --detail gives the plausible people random skin detail and changes nothing else', () => {
    const e = datasetEngine(2)
    const plausible: number[] = []
    for (let i = 0; i < 12; i++) {
      const plain = sampleCharacter(e, 9, i, 0.5)
      const detailed = sampleCharacter(e, 9, i, 0.5, true)
      // the uniform half has no prior of people to draw detail from; its samples stay as they were
      if (!detailed.detail) {
        expect(detailed).toEqual(plain)
        continue
      }
      plausible.push(i)
      expect(plain.detail).toBeUndefined()
      expect(detailed.detail.weights.some((w) => w !== 0)).toBe(true)
      expect({ ...detailed, detail: undefined }).toEqual({ ...plain, detail: undefined })
    }
    expect(plausible.length).toBeGreaterThan(2)
    // and the engine draws it: the render of a detailed sample is not its bare twin's
    const i = plausible[0]!
    const bare = e.render(sampleCharacter(e, 9, i, 0.5), 64, [255, 255, 255]).image.data
    const drawn = e.render(sampleCharacter(e, 9, i, 0.5, true), 64, [255, 255, 255]).image.data
    let changed = 0
    for (let k = 0; k < bare.length; k++) if (bare[k] !== drawn[k]) changed++
    expect(changed).toBeGreaterThan(bare.length / 20)
    expect(() => sampleCharacter(datasetEngine(1), 9, 0, 0.5, true)).toThrow(
      /--detail needs --rig 2/
    )
  })

  it('frames rig v2 renders by their own alignment: their points sit on the canonical template', () => {
    const e = datasetEngine(2)
    const t = alignTemplate()
    const iod = Math.hypot(t[90]! - t[72]!, t[91]! - t[73]!)
    for (let i = 0; i < 4; i++) {
      const r = e.render(sampleCharacter(e, 7, i, 0.5), 128, [255, 255, 255])
      let err = 0
      for (let k = 36; k < 48; k++)
        err += Math.hypot(
          r.ibug68[2 * k]! / 128 - t[2 * k]!,
          r.ibug68[2 * k + 1]! / 128 - t[2 * k + 1]!
        )
      expect(err / 12 / iod).toBeLessThan(0.12) // eyes land on the template's eyes (a residual remains per face)
    }
  })

  it('writes shards and an index with the rig, then resumes without redoing finished shards', async () => {
    const first = await generate(options, () => {})
    expect(first.made).toBe(6)
    const index = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8')) as DatasetIndex
    expect(index.rig).toEqual(JSON.parse(JSON.stringify(RIG_V2)))
    expect(index.rigVersion).toBe(2)
    expect(index.shards.map((s) => s.count)).toEqual([4, 2])
    const x = decodeNpy(await readFile(join(dir, 'shard-00001', 'x.npy')))
    expect(x.shape).toEqual([2, VECTOR_LENGTH_V2])
    const image = decodeNpy(await readFile(join(dir, 'shard-00000', 'image.npy')))
    expect(image.shape).toEqual([4, 64, 64, 3])
    expect(image.data.some((v) => v < 200)).toBe(true) // a face, not a blank frame
    const landmarks = decodeNpy(await readFile(join(dir, 'shard-00000', 'landmarks.npy')))
    expect(landmarks.shape).toEqual([4, 68, 2])
    for (const v of landmarks.data) expect(v).toBeGreaterThan(0.1)
    const emb = decodeNpy(await readFile(join(dir, 'shard-00000', 'embedding_frame.npy'))).data
    expect(Math.hypot(...emb.subarray(0, 256))).toBeCloseTo(1, 4)

    const before = (await stat(join(dir, 'shard-00000', 'x.npy'))).mtimeMs
    const again = await generate(options, () => {})
    expect(again.made).toBe(0)
    expect((await stat(join(dir, 'shard-00000', 'x.npy'))).mtimeMs).toBe(before)
  }, 120_000)

  it('bundled for a machine without npm (dataset/bundle.mjs), makes the same shards byte for byte', async () => {
    const run = promisify(execFile)
    const models = new URL('../', import.meta.url).pathname
    await run(process.execPath, [join(models, 'dataset/bundle.mjs')])
    const out = join(dir, 'bundled')
    const args = [
      '--out',
      out,
      '--rig',
      '2',
      '--count',
      '6',
      '--seed',
      '3',
      '--size',
      '64',
      '--shard-size',
      '4',
    ]
    await run(process.execPath, [join(models, 'dist/generate.js'), ...args, '--workers', '2'])
    for (const shard of ['shard-00000', 'shard-00001']) {
      const files = (await readdir(join(dir, shard))).filter((f) => f.endsWith('.npy'))
      expect(files.length).toBeGreaterThan(8)
      for (const f of files)
        expect(
          Buffer.compare(await readFile(join(out, shard, f)), await readFile(join(dir, shard, f))),
          `${shard}/${f}`
        ).toBe(0)
    }
  }, 120_000)

  it('refuses to resume into a folder made with other settings', async () => {
    await expect(generate({ ...options, seed: 4 }, () => {})).rejects.toThrow(/seed 3, not 4/)
    await expect(generate({ ...options, detail: true }, () => {})).rejects.toThrow(
      /detail false, not true/
    )
    await expect(generate({ ...options, rig: 1, detail: true }, () => {})).rejects.toThrow(
      /--rig 2/
    )
  })
})

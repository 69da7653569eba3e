import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { createImage, encodePng } from '@facecraft/shared/image'
import { describe, expect, it } from 'vitest'
import { engineV2 } from './engines.ts'
import {
  aggregate,
  INDEPENDENT,
  likenessEval,
  type PersonFigures,
  type UnusablePhoto,
} from './likeness.ts'
import { pickMethods, type MethodContext } from './likeness-methods.ts'
import { modelFor } from './likeness-translator.ts'

const row = (
  ranks: number[],
  own: number[],
  others: number[],
  extra: Partial<PersonFigures> = {}
) =>
  ({
    method: 'mean',
    person: 'p',
    ranks,
    own,
    others,
    landmark_nme: 0.1,
    skin_delta_e: 10,
    gender_agree: 1,
    age_error: 4,
    ...extra,
  }) as PersonFigures

describe('likeness figures', () => {
  it('averages identity figures over the independent recogniser (FaceRes) and skips missing render measurements', () => {
    expect(INDEPENDENT).toEqual(['face-embedder-eval']) // the translator learns through MobileFace and dlib
    const f = aggregate([
      row([1], [0.6], [0.4]),
      row([7], [0.5], [0.45], {
        landmark_nme: null,
        skin_delta_e: 20,
        gender_agree: 0,
      }),
    ])
    expect(f.retrieval_top1).toBe(0.5)
    expect(f.retrieval_top5).toBe(0.5)
    expect(f.id_cos).toBeCloseTo(0.55, 4)
    expect(f.id_margin).toBeCloseTo(0.125, 4)
    expect(f.landmark_nme).toBe(0.1)
    expect(f.skin_delta_e).toBe(15) // median
    expect(f.gender_agree).toBe(0.5)
    expect(f.n).toBe(2)
  })

  it('selects methods by name and rejects unknown ones', () => {
    expect(pickMethods(undefined).map((m) => m.name)).toEqual([
      'random',
      'mean',
      'translator',
      'refined',
      'iterative',
    ])
    expect(pickMethods('mean').map((m) => m.name)).toEqual(['mean'])
    expect(() => pickMethods('mean,oracle')).toThrow(/--methods takes a comma list of random, mean/)
  })
})

describe('learned methods', () => {
  const ctx = (engine: string, models: { id: string; rigVersion: number }[]) =>
    ({ engine: { id: engine }, models: { manifest: { models } } }) as unknown as MethodContext
  const [translator, refined, iterative] = pickMethods('translator,refined,iterative')

  it('run only with a model made for the engine, else say why', () => {
    const v2 = ctx('2', [{ id: 'translator', rigVersion: 2 }])
    expect(translator!.unavailable(v2)).toBeNull()
    expect(refined!.unavailable(v2)).toMatch(/'refine' is not in models\/release\/manifest.json/)
    expect(translator!.unavailable(ctx('1', [{ id: 'translator', rigVersion: 2 }]))).toMatch(
      /made for rig v2.*--engine 2/
    )
    const refineOnly = ctx('1', [{ id: 'refine', rigVersion: 1 }])
    expect(refined!.unavailable(refineOnly)).toMatch(/'translator' is not in/)
    expect(iterative!.unavailable(refineOnly)).toMatch(/'translator' is not in/)
    const both = ctx('2', [
      { id: 'refine', rigVersion: 2 },
      { id: 'translator', rigVersion: 2 },
    ])
    expect(iterative!.unavailable(both)).toBeNull()
    expect(modelFor(v2, 'translator')).toBeNull()
  })
})

describe('eval likeness --photos', () => {
  // A folder of a player's own photos: three faces (engine renders), a photo with no face and a broken file. The
  // two bad ones are left out and listed; the others are measured.
  it('leaves out photos without a usable face, lists them, and measures the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'likeness-photos-'))
    try {
      const engine = engineV2()
      for (const seed of [1, 2, 3])
        writeFileSync(
          join(dir, `person-${seed}.png`),
          encodePng(engine.render(engine.random(seed), 256).image)
        )
      const blank = createImage(256, 256)
      blank.data.fill(200)
      writeFileSync(join(dir, 'wall.png'), encodePng(blank))
      writeFileSync(join(dir, 'broken.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0x00]))
      const out = (await likenessEval.run({ quick: false, json: true, args: { photos: dir, methods: 'mean', synthetic: '2' } })) as {
        photos: Record<string, { n: number; id_cos: number }>
        photos_ci95: Record<string, Record<string, [number, number] | null>>
        unusable_photos: UnusablePhoto[]
      } // prettier-ignore
      expect(out.photos.mean!.n).toBe(3)
      // the interval of the mean over the 3 people brackets the figure
      const [lo, hi] = out.photos_ci95.mean!.id_cos!
      expect(lo).toBeLessThanOrEqual(out.photos.mean!.id_cos)
      expect(hi).toBeGreaterThanOrEqual(out.photos.mean!.id_cos)
      expect(out.unusable_photos.map((u) => basename(u.file)).sort()).toEqual([
        'broken.jpg',
        'wall.png',
      ])
      for (const u of out.unusable_photos) expect(u.reason).toContain(u.file)
      // nothing usable: a clear error, not figures of nobody
      for (const seed of [1, 2, 3]) rmSync(join(dir, `person-${seed}.png`))
      await expect(likenessEval.run({ quick: false, json: true, args: { photos: dir, methods: 'mean', synthetic: '2' } })).rejects.toThrow(
        /no person of the photo set has a usable photo/
      ) // prettier-ignore
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})

describe('eval likeness --distance', () => {
  it('checks the camera distance before any model loads: a number of cm the camera can be, on engine 2', async () => {
    for (const bad of ['10', '0', 'near', '2000'])
      await expect(likenessEval.run({ quick: true, json: true, args: { distance: bad } })).rejects.toThrow(/--distance must be an integer from 20 to 1000/) // prettier-ignore
    await expect(likenessEval.run({ quick: true, json: true, args: { distance: '30', engine: '1' } })).rejects.toThrow(/--distance needs an engine with a camera to move \(--engine 2\)/) // prettier-ignore
  })

  it('says a bad flag before it looks for the photos, so a checkout without ../shared/faces is told the flag', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'likeness-nofaces-'))
    const saved = process.env.FACECRAFT_FACES
    process.env.FACECRAFT_FACES = empty
    try {
      await expect(likenessEval.run({ quick: true, json: true, args: { distance: 'near' } })).rejects.toThrow(/--distance must be an integer/) // prettier-ignore
      await expect(likenessEval.run({ quick: true, json: true, args: { synthetic: '1' } })).rejects.toThrow(/--synthetic/) // prettier-ignore
      // With every flag good, the missing photo set is what it says.
      await expect(likenessEval.run({ quick: true, json: true, args: {} })).rejects.toThrow(/FACECRAFT_FACES=.* has no index\.csv/) // prettier-ignore
    } finally {
      if (saved === undefined) delete process.env.FACECRAFT_FACES
      else process.env.FACECRAFT_FACES = saved
      rmSync(empty, { recursive: true, force: true })
    }
  })

  it('takes the synthetic targets from near and says so; the portrait view is the default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'likeness-distance-'))
    try {
      const engine = engineV2()
      for (const seed of [1, 2])
        writeFileSync(
          join(dir, `p${seed}.png`),
          encodePng(engine.render(engine.random(seed), 256).image)
        )
      const run = (args: Record<string, string>) =>
        likenessEval.run({ quick: false, json: true, args: { photos: dir, methods: 'mean', synthetic: '2', ...args } }) as Promise<{ synthetic_distance_cm: number; synthetic: Record<string, { n: number }> }> // prettier-ignore
      expect((await run({})).synthetic_distance_cm).toBe(100)
      const near = await run({ distance: '30' })
      expect(near.synthetic_distance_cm).toBe(30)
      expect(near.synthetic.mean!.n).toBe(2) // FaceMesh finds the faces the near camera shows
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})

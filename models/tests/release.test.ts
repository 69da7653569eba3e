/**
 * @file The released .onnx files under onnxruntime-node: manifest sha256 and size, I/O names and shapes, and parity
 * with TF.js (tfjs-cpu) outputs on the committed synthetic fixtures (tests/fixtures, made by tfjs-reference.ts).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { decodeNpy } from '../convert/npy.ts'
import { syntheticImage } from '../convert/synthetic.ts'

const MODELS_DIR = dirname(dirname(fileURLToPath(import.meta.url)))
const TOLERANCE = 1e-3

interface IoSpec {
  name: string
  shape: number[]
  dtype: string
}
interface ManifestModel {
  id: string
  file: string
  sha256: string
  bytes: number
  inputs: IoSpec[]
  outputs: IoSpec[]
  check: { maxAbsDiff: number }
}
interface Fixture {
  seed: number
  size: number
  scale: 'unit' | 'byte'
  imageSha256: string
  outputs: Record<string, string>
}

const manifest = JSON.parse(readFileSync(join(MODELS_DIR, 'release', 'manifest.json'), 'utf8')) as {
  schema: number
  models: ManifestModel[]
}
const fixtures = JSON.parse(
  readFileSync(join(MODELS_DIR, 'tests', 'fixtures', 'index.json'), 'utf8')
) as Record<string, Fixture>

/** The fixture's input: the synthetic image as float32 NHWC, scaled as the model expects. */
function fixtureInput(f: Fixture): ort.Tensor {
  const image = syntheticImage(f.size, f.seed)
  expect(createHash('sha256').update(image).digest('hex')).toBe(f.imageSha256)
  const data = Float32Array.from(image, (v) => (f.scale === 'unit' ? v / 255 : v))
  return new ort.Tensor('float32', data, [1, f.size, f.size, 3])
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)))
  return worst
}

describe('every released file', () => {
  it('has a manifest entry with sha256 and bytes of the file, a group, tensor shapes and its rig version', () => {
    expect(manifest.models.length).toBeGreaterThan(0)
    for (const m of manifest.models as Array<ManifestModel & Record<string, unknown>>) {
      const where = `${m.id} (${m.file})`
      const bytes = readFileSync(join(MODELS_DIR, 'release', m.file))
      expect(m.sha256, where).toMatch(/^[0-9a-f]{64}$/)
      expect(createHash('sha256').update(bytes).digest('hex'), where).toBe(m.sha256)
      expect(m.bytes, where).toBe(bytes.byteLength)
      expect(['create', 'refine', 'eval'], where).toContain(m.group)
      for (const t of [...m.inputs, ...m.outputs]) {
        expect(t.name, where).toMatch(/\S/)
        expect(t.shape.length, where).toBeGreaterThan(0)
        expect(
          t.shape.every((d) => Number.isInteger(d) && d > 0),
          where
        ).toBe(true)
      }
      expect(m.inputs.length * m.outputs.length, where).toBeGreaterThan(0)
      // A number for rig-dependent files, null for those that work with any rig; never missing.
      expect('rigVersion' in m, where).toBe(true)
      expect(m.rigVersion === null || Number.isInteger(m.rigVersion), where).toBe(true)
    }
    // The translator also names the feature layout it was trained on (CharacterCreator checks it).
    const translator = manifest.models.find((m) => m.id === 'translator') as
      (ManifestModel & { featureVersion?: unknown }) | undefined
    if (translator) expect(Number.isInteger(translator.featureVersion)).toBe(true)
  })
})

/** The converted TF.js face models (they have fixtures); trained models (translator...) are checked below. */
const faceModels = manifest.models.filter((m) => m.id.startsWith('face-'))

describe('released face models', () => {
  it('lists the five face models with schema 1 and checks within tolerance', () => {
    expect(manifest.schema).toBe(1)
    expect(faceModels.map((m) => m.id).sort()).toEqual(Object.keys(fixtures).sort())
    for (const m of faceModels) expect(m.check.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE)
  })

  for (const model of faceModels) {
    it(`${model.id}: sha256, shapes and TF.js parity under onnxruntime-node`, async () => {
      const bytes = readFileSync(join(MODELS_DIR, 'release', model.file))
      expect(bytes.byteLength).toBe(model.bytes)
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(model.sha256)
      const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 })
      try {
        expect(session.inputNames).toEqual(model.inputs.map((i) => i.name))
        expect(session.outputNames).toEqual(model.outputs.map((o) => o.name))
        const fixture = fixtures[model.id]
        if (!fixture)
          throw new Error(`no fixture for ${model.id}: run models/convert/tfjs-reference.ts`)
        const input = model.inputs[0] as IoSpec
        const result = await session.run({ [input.name]: fixtureInput(fixture) })
        for (const out of model.outputs) {
          const got = result[out.name] as ort.Tensor
          expect(got.dims).toEqual(out.shape)
          const expected = decodeNpy(
            readFileSync(join(MODELS_DIR, 'tests', 'fixtures', fixture.outputs[out.name] ?? ''))
          )
          expect(expected.shape).toEqual(out.shape)
          expect(maxAbsDiff(got.data as Float32Array, expected.data)).toBeLessThanOrEqual(TOLERANCE)
        }
      } finally {
        await session.release()
      }
    })
  }
})

describe('released translator', () => {
  const entry = manifest.models.find((m) => m.id === 'translator') as
    | (ManifestModel & {
        group: string
        rigVersion: number
        check: { int8: { meanAbsDiff: number } }
      })
    | undefined

  it.runIf(entry)(
    'is a create-group int8 file within 1 MB, int8 within 0.005 of fp32, and runs',
    async () => {
      const m = entry!
      expect([m.group, m.rigVersion]).toEqual(['create', 2])
      const bytes = readFileSync(join(MODELS_DIR, 'release', m.file))
      expect(bytes.byteLength).toBe(m.bytes)
      expect(m.bytes).toBeLessThanOrEqual(1_000_000)
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256)
      expect(m.check.int8.meanAbsDiff).toBeLessThanOrEqual(0.005)
      const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 })
      try {
        const [n, f] = m.inputs[0]!.shape as [number, number]
        const out = await session.run({
          features: new ort.Tensor('float32', new Float32Array(n * f).fill(0.1), [n, f]),
        })
        const x = out.x!.data as Float32Array
        expect(x.length).toBe(m.outputs[0]!.shape[1])
        expect(x.every((v) => v >= 0 && v <= 1)).toBe(true)
      } finally {
        await session.release()
      }
    }
  )
})

describe('released gender read', () => {
  const entry = manifest.models.find((m) => m.id === 'gender-read') as
    | (ManifestModel & {
        group: string
        rigVersion: number | null
        featureVersion: number
        card: string
      })
    | undefined
  const translator = manifest.models.find((m) => m.id === 'translator') as
    (ManifestModel & { featureVersion: number }) | undefined

  it.runIf(entry && translator)(
    "is a create-group file for any rig that reads the translator's features and gives P(female) in 0..1",
    async () => {
      const m = entry!
      expect([m.group, m.rigVersion, m.featureVersion]).toEqual(['create', null, translator!.featureVersion])
      expect(m.inputs).toEqual(translator!.inputs)
      expect(readFileSync(join(MODELS_DIR, 'release', m.card), 'utf8')).toMatch(/^# gender-read/)
      const session = await ort.InferenceSession.create(readFileSync(join(MODELS_DIR, 'release', m.file)), { intraOpNumThreads: 1 })
      try {
        const [n, f] = m.inputs[0]!.shape as [number, number]
        for (const fill of [-1, 0, 0.1, 1]) {
          const out = await session.run({ features: new ort.Tensor('float32', new Float32Array(n * f).fill(fill), [n, f]) })
          const female = out.female!.data as Float32Array
          expect(female.length).toBe(1)
          expect(female[0]! >= 0 && female[0]! <= 1).toBe(true)
        }
      } finally {
        await session.release()
      }
    }
  ) // prettier-ignore
})

describe('released imitator and refine graph', () => {
  const entries = ['imitator', 'refine'].map(
    (id) =>
      manifest.models.find((m) => m.id === id) as
        (ManifestModel & { group: string; rigVersion: number }) | undefined
  )
  const [imitator, refine] = entries

  it.runIf(imitator && refine)(
    'are one rig; refine.onnx is the whole refine group (the phone never downloads imitator.onnx, group eval), within the 12 MB budget; they run: an image in 0..1, a finite loss and gradient',
    async () => {
      expect([imitator!.group, refine!.group]).toEqual(['eval', 'refine'])
      const refineGroup = manifest.models.filter(
        (m) => (m as { group?: string }).group === 'refine'
      )
      expect(refineGroup.map((m) => m.id)).toEqual(['refine'])
      for (const m of [imitator!, refine!]) {
        expect(m.rigVersion).toBe(imitator!.rigVersion)
        const bytes = readFileSync(join(MODELS_DIR, 'release', m.file))
        expect(bytes.byteLength).toBe(m.bytes)
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256)
      }
      expect(refine!.bytes).toBeLessThanOrEqual(12e6)
      const feeds = (m: ManifestModel, fill: (name: string) => number) =>
        Object.fromEntries(
          m.inputs.map((i) => {
            const n = i.shape.reduce((a, b) => a * b, 1)
            return [
              i.name,
              new ort.Tensor('float32', new Float32Array(n).fill(fill(i.name)), i.shape),
            ]
          })
        )
      const one = async (m: ManifestModel, fill: (name: string) => number) => {
        const bytes = readFileSync(join(MODELS_DIR, 'release', m.file))
        const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 })
        try {
          return await session.run(feeds(m, fill))
        } finally {
          await session.release()
        }
      }
      const out = await one(imitator!, (name) => (name === 'x' ? 0.5 : 0.2))
      const image = out.image!.data as Float32Array
      expect(out.image!.dims).toEqual(imitator!.outputs[0]!.shape)
      expect(image.every((v) => v >= 0 && v <= 1)).toBe(true)
      // A unit-length target embedding (graphs with MobileFace's term), mid-grey photo, a female target sex (graphs
      // with the sex term), weights 1: every output is finite, and the terms are the ones the graph declares.
      const e = refine!.inputs.find((i) => i.name === 'target_embedding')?.shape.at(-1) ?? 1
      const fills: Record<string, number> = {
        target_embedding: 1 / Math.sqrt(e),
        x: 0.5,
        beta: 1,
        target_sex: -1,
      }
      const grads = await one(refine!, (name) => fills[name] ?? 0.5)
      expect(Object.keys(grads).sort()).toEqual(refine!.outputs.map((o) => o.name).sort())
      expect(refine!.outputs.map((o) => o.name)).toContain('dlib')
      for (const name of Object.keys(grads))
        expect(Array.from(grads[name]!.data as Float32Array).every(Number.isFinite)).toBe(true)
    }
  )
})

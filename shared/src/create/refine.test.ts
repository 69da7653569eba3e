/**
 * @file The refine loop on a real refine graph: the engine-v1 proof (models/imitator/proof-v1/refine.onnx, rig v1),
 * toward a real photo's targets, from the rig's default character. Generic over the graph's signature, so the same
 * tests hold for the v2 graph when it is released.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../image/decode/index.ts'
import { FaceAnalyzer } from '../face/face-analyzer.ts'
import { ModelLoader } from '../ml/loader.ts'
import { parseManifest } from '../ml/manifest.ts'
import type { ModelSession } from '../ml/session.ts'
import { createCharacter } from '../rig/index.ts'
import { CreateError } from './errors.ts'
import { refineLoop, refineSignature, type RefineTargets } from './refine.ts'
import { rigCodec } from './rigs.ts'
import { refineTargets } from './targets.ts'

const source = (dir: URL) => ({
  manifest: parseManifest(JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'))),
  read: async (file: string) => new Uint8Array(readFileSync(new URL(file, dir))),
})
const RELEASE = new URL('../../../models/release/', import.meta.url)
const PROOF = new URL('../../../models/imitator/proof-v1/', import.meta.url)
const PHOTO = new URL(
  '../../../node_modules/@vladmandic/face-api/demo/sample2.jpg',
  import.meta.url
)

let analyzer: FaceAnalyzer
let refine: ModelSession
let loader: ModelLoader
let targets: RefineTargets
const rig = rigCodec(1)
const start = () => {
  const c = createCharacter()
  return { x: rig.toVector(c), logits: new Float32Array(rig.styleSizes.reduce((a, b) => a + b, 0)) }
}

beforeAll(async () => {
  analyzer = await FaceAnalyzer.createFromOptions({ models: source(RELEASE) })
  loader = new ModelLoader(source(PROOF))
  refine = await loader.load('refine')
  const { image } = decodeImage(new Uint8Array(readFileSync(PHOTO)), { maxSide: 1280 })
  const face = (await analyzer.detect(image)).faces[0]!
  targets = await refineTargets(analyzer, image, face, refineSignature(refine.entry).size)
}, 120_000)
afterAll(async () => {
  await analyzer.close()
  await loader.dispose()
})

describe('refineLoop with the proof refine graph', () => {
  it('reads the sizes from the manifest signature', () => {
    expect(refineSignature(refine.entry)).toEqual({
      continuous: 122,
      styles: 27,
      size: 128,
      embedding: 256,
      terms: ['identity', 'content', 'landmark'],
    })
    expect(targets.photo.length).toBe(128 * 128 * 3)
    expect(targets.landmarks.every((v) => v > -0.2 && v < 1.2)).toBe(true)
  })

  it('lowers the loss, keeps x in [0, 1] and reports every step', async () => {
    const { x, logits } = start()
    const seen: number[] = []
    const out = await refineLoop(refine, x, logits, targets, {
      steps: 12,
      lr: 0.05,
      patience: 100,
      onProgress: (p) => seen.push(p.step),
    })
    expect(seen).toEqual([...Array(13).keys()])
    expect(out.losses).toHaveLength(13)
    expect(out.bestLoss).toBeLessThan(out.losses[0]! * 0.97)
    expect(out.bestLoss).toBe(Math.min(...out.losses))
    expect(out.x.every((v) => v >= 0 && v <= 1)).toBe(true)
    expect(out.stoppedEarly).toBe(false)
  }, 60_000)

  it('leaves held parameters and style logits where they started, and moves the others', async () => {
    const { x, logits } = start()
    const hold = [0, 5, x.length - 1]
    const holdStyles = [0, 1, 2]
    const out = await refineLoop(refine, x, logits, targets, {
      steps: 6,
      lr: 0.05,
      patience: 100,
      hold,
      holdStyles,
    })
    for (const i of hold) expect(out.x[i]).toBe(x[i])
    for (const i of holdStyles) expect(out.logits[i]).toBe(logits[i])
    expect(out.x.some((v, i) => !hold.includes(i) && Math.abs(v - x[i]!) > 1e-4)).toBe(true)
  }, 60_000)

  it('an anchor holds x nearer its start, reports its term and counts it in the loss', async () => {
    const { x, logits } = start()
    const run = (anchor: number) => {
      const terms: Record<string, number>[] = []
      const o = { steps: 12, lr: 0.05, patience: 100, anchor, onProgress: (p: { terms: Record<string, number> }) => terms.push(p.terms) }
      return refineLoop(refine, x, logits, targets, o).then((out) => ({ out, terms }))
    } // prettier-ignore
    const drift = (v: Float32Array) => Math.hypot(...v.map((e, i) => e - x[i]!))
    const free = await run(0)
    const held = await run(1)
    expect(drift(held.out.x)).toBeLessThan(0.5 * drift(free.out.x))
    expect(free.terms.every((t) => !('anchor' in t))).toBe(true)
    const last = held.terms.at(-1)!
    expect(last.anchor).toBeGreaterThan(0)
    const graph = ['identity', 'content', 'landmark'].reduce((s, k) => s + (last[k] ?? 0), 0)
    expect(held.out.losses.at(-1)).toBeGreaterThan(graph) // loss = graph's weighted terms + anchor
  }, 60_000)

  it('stops early when the loss stalls', async () => {
    const { x, logits } = start()
    const out = await refineLoop(refine, x, logits, targets, { steps: 40, lr: 0, patience: 3 })
    expect(out.stoppedEarly).toBe(true)
    expect(out.steps).toBe(3)
  }, 60_000)

  it('cancels with an AbortSignal', async () => {
    const { x, logits } = start()
    const abort = new AbortController()
    const run = refineLoop(refine, x, logits, targets, {
      steps: 50,
      onProgress: (p) => p.step === 2 && abort.abort(),
      signal: abort.signal,
    })
    await expect(run).rejects.toMatchObject({ code: 'aborted' })
    await expect(run).rejects.toBeInstanceOf(CreateError)
  }, 60_000)

  it('refuses a graph that is not a refine graph, naming what is missing', () => {
    const entry = { ...refine.entry, id: 'imitator', inputs: refine.entry.inputs.slice(0, 2) }
    expect(() => refineSignature(entry)).toThrow(/photo, part_weights, target_landmarks/)
  })

  it('refuses weights that do not match the graph terms, naming them', async () => {
    const { x, logits } = start()
    const run = refineLoop(refine, x, logits, targets, { steps: 1, weights: [1, 1, 1, 3] })
    await expect(run).rejects.toMatchObject({ code: 'bad-options' })
    await expect(run).rejects.toThrow(
      /4 values; 'refine' has 3 terms \(identity, content, landmark\)/
    )
  })

  it('refuses a target sex outside [-1, 1], saying what it means', async () => {
    const { x, logits } = start()
    for (const sex of [2, -1.5, NaN]) {
      const run = refineLoop(refine, x, logits, targets, { steps: 1, sex })
      await expect(run).rejects.toMatchObject({ code: 'bad-options' })
      await expect(run).rejects.toThrow(/\[-1, 1\] \(\+1 male, -1 female, 0 either\)/)
    }
  })
})

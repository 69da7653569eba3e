/**
 * @module cli/bench/engine2 — `facecraft bench engine2`: engine v2's figures (the same keys as `bench engine`
 * where they mean the same, plus v2's own). Each timed render draws a DIFFERENT plausible character with the
 * look layer's shader (posing, fitting proxies, baking textures and rasterising all run every time).
 * - render128_ms / render512_ms: median wall time of one render at full detail (one core), as published since
 *   engine v2's first bench (the imitator dataset's 128 px renders and every render without `lod` cost this);
 * - render512_detail_ms: the same 512 px renders of characters that carry skin detail (every photo-made character
 *   does; the editor's view): the detail's composition and the skin band (engine/v2/skin-band) on top;
 * - render128_lod_ms: the same 128 px renders with `lod: true` (RenderOptionsV2; engine/v2/lod: skin, eyes and
 *   mouth decimated, the skin drawn before hair cards so the cards behind the head are skipped, one shade per
 *   pixel; a few % of pixels differ slightly from full detail). No screen renders at <= 128 px today: this is what
 *   a small thumbnail grid would cost, not a replacement for render128_ms;
 * - render256_ms: the PWA gallery's thumbnail size (renderer.ts THUMBNAIL_SIZE; pickers use 160, samples 192) at
 *   full detail; render256_lod_ms: the same with `lod: true`, what a phone's thumbnail grid really renders (the
 *   PWA asks for the level of detail, and since session 43 LOD_MAX_SIZE is 256);
 * - render128_first_ms: wall time of the process's FIRST 128 px render (pack decoded; skin bake, the first
 *   appearance's textures, hair covers and JIT warm-up included: what the first thumbnail of a session waits);
 *   render128_first12_ms: mean of the first 12 renders (different characters: a phone's first grid row or two);
 * - render128_slider_ms: the editor's case: ONE character re-rendered while a face slider moves (every render a
 *   new pose of the same parts and appearance; render128_ms draws a different character each time, a phone's grid);
 * - morph_ms: median time of the sparse morph sum alone with EVERY slider moved off neutral;
 * - pose_ms: morph + proxies + mesh assembly;
 * - render*_plain_ms: the same renders with the geometry engine's plain Lambert shader (geometry cost alone);
 * - triangles: of the default plausible character (seed 1); triangles_low: the same at the level of detail;
 *   assets_bytes: brotli size of the head pack.
 * `bench engine` runs it by default (`--engine 2`); `bench engine2` stays as an alias.
 */
import {
  characterWeights,
  createLambertShader,
  type ShaderFactory,
} from '@facecraft/shared/engine-v2'
import { FACE_SLIDERS_V2, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import type { Character } from '@facecraft/shared/rig'
import { assetsBytes, engineV2, lookShader } from '../engine-v2.ts'
import { median, type Suite } from '../suite.ts'

const round = (x: number) => Math.round(x * 100) / 100

/** The i-th character of an editor session: seed 1 with one face slider (a different one each time) dragged to a new value. */
function sliderCharacter(i: number): Character {
  const c = randomPlausibleCharacter(1)
  c.sliders[FACE_SLIDERS_V2[(i * 11) % FACE_SLIDERS_V2.length]!.id] = ((i % 9) + 0.5) / 9
  return c
}

/** The i-th character of a thumbnail grid: a different plausible person each time. */
const plausible = (i: number): Character => randomPlausibleCharacter(i + 1)

/** A plausible character carrying skin detail, as a photo-made one does (its render includes engine/v2/skin-band). */
const detailed = (i: number): Character => randomPlausibleCharacter(i + 1, { detail: true })

function timeRenders(
  size: number,
  runs: number,
  warmup: number,
  shader: ShaderFactory | undefined = lookShader,
  character: (i: number) => Character = plausible,
  lod = false
): { wall: number; cpu: number } {
  const engine = engineV2()
  for (let i = 0; i < warmup; i++) engine.render(character(10_000 + i), { size, lod }, shader)
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c = character(i)
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    engine.render(c, { size, lod }, shader)
    wall.push(performance.now() - t0)
    const used = process.cpuUsage(c0)
    cpu.push((used.user + used.system) / 1000)
  }
  return { wall: median(wall), cpu: median(cpu) }
}

export const engine2Bench: Suite = {
  name: 'engine2',
  summary:
    'alias of `bench engine --engine 2`: render time at 128/512 px, morph_ms, pose_ms, triangles, assets_bytes',
  async run({ quick, json }) {
    const runs = quick ? 8 : 40
    const log = (s: string) => (json ? process.stderr : process.stdout).write(`${s}\n`)
    const t0 = performance.now()
    const engine = engineV2()
    log(
      `decoded the head pack in ${Math.round(performance.now() - t0)} ms; timing ${runs} renders per size`
    )
    // Cold start first (every later figure is steady state).
    const first: number[] = []
    for (let i = 0; i < 12; i++) {
      const c = randomPlausibleCharacter(20_000 + i)
      const t = performance.now()
      engine.render(c, { size: 128 }, lookShader)
      first.push(performance.now() - t)
    }
    // Morph with every slider off neutral (the worst case of the sparse sum).
    const morphs: number[] = []
    const poses: number[] = []
    for (let i = 0; i < runs * 2; i++) {
      const c = randomPlausibleCharacter(i + 1)
      for (const s of FACE_SLIDERS_V2) c.sliders[s.id] = s.low ? (i % 2 ? 0.8 : 0.2) : 0.5
      const w = characterWeights(c)
      let t = performance.now()
      engine.engine.morph(w)
      morphs.push(performance.now() - t)
      t = performance.now()
      engine.pose(c)
      poses.push(performance.now() - t)
    }
    // Both 128 px paths warm up alike before either is timed (the JIT settles over the first ~40 renders, so
    // whichever ran first would otherwise carry the warm-up).
    for (let i = 0; i < 20; i++)
      for (const lod of [false, true])
        engine.render(randomPlausibleCharacter(30_000 + i), { size: 128, lod }, lookShader)
    const r128 = timeRenders(128, runs, 3)
    const l128 = timeRenders(128, runs, 3, lookShader, plausible, /* lod= */ true)
    const r256 = timeRenders(256, Math.max(4, runs >> 1), 2)
    // other people than r256's, so no texture or pose r256 just made is reused
    const l256 = timeRenders(
      256,
      Math.max(4, runs >> 1),
      2,
      lookShader,
      (i) => plausible(i + 1000),
      true
    )
    const r512 = timeRenders(512, Math.max(4, runs >> 2), 2)
    const d512 = timeRenders(512, Math.max(4, runs >> 2), 2, lookShader, detailed)
    const s128 = timeRenders(128, runs, 3, lookShader, sliderCharacter)
    const p128 = timeRenders(128, runs, 3, createLambertShader)
    const p512 = timeRenders(512, Math.max(4, runs >> 2), 2, createLambertShader)
    const seed1 = engine.pose(randomPlausibleCharacter(1))
    return {
      render128_ms: round(r128.wall),
      render512_ms: round(r512.wall),
      render512_detail_ms: round(d512.wall),
      triangles: seed1.triangleCount,
      triangles_low: engine.engine.lodOf(seed1)?.triangleCount ?? seed1.triangleCount,
      assets_bytes: assetsBytes(),
      morph_ms: round(median(morphs.slice(runs))),
      pose_ms: round(median(poses.slice(runs))),
      render128_slider_ms: round(s128.wall),
      render128_first_ms: round(first[0]!),
      render128_first12_ms: round(first.reduce((a, b) => a + b, 0) / first.length),
      render128_plain_ms: round(p128.wall),
      render512_plain_ms: round(p512.wall),
      render128_cpu_ms: round(r128.cpu),
      render512_cpu_ms: round(r512.cpu),
      render128_lod_ms: round(l128.wall),
      render128_lod_cpu_ms: round(l128.cpu),
      render256_ms: round(r256.wall),
      render256_lod_ms: round(l256.wall),
      runs,
    }
  },
}

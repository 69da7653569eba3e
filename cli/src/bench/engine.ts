/**
 * @module cli/bench/engine — `facecraft bench engine [--engine 1|2]`: how long one render takes on one core.
 * `--engine 2` (the default: the product engine) runs engine v2's figures (bench/engine2.ts: the same keys plus
 * v2's own; `triangles_low` = the triangles of v2's level of detail, drawn by `render128_lod_ms`); `--engine 1` the
 * first engine's.
 * Each timed render draws a DIFFERENT random character (the real workload: posing, painting, lighting and
 * rasterizing all run every time). Figures are medians after warm-up; `*_cpu_ms` is the process CPU time of the
 * same renders, which stays honest when other processes share the machine's cores.
 */
import { getEngine } from '@facecraft/shared/engine'
import { randomCharacter } from '@facecraft/shared/rig'
import { ENGINE_FLAG, engineId } from '../eval/engines.ts'
import { median, type Suite } from '../suite.ts'
import { engine2Bench } from './engine2.ts'

function time(size: number, runs: number, warmup: number): { wall: number; cpu: number } {
  const engine = getEngine()
  for (let i = 0; i < warmup; i++) engine.render(randomCharacter(10_000 + i), { size })
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c = randomCharacter(i)
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    engine.render(c, { size })
    wall.push(performance.now() - t0)
    const used = process.cpuUsage(c0)
    cpu.push((used.user + used.system) / 1000)
  }
  return { wall: median(wall), cpu: median(cpu) }
}

const round = (x: number) => Math.round(x * 100) / 100

export const engineBench: Suite = {
  name: 'engine',
  summary:
    'character render time at 128 and 512 px (median, one core) and triangle count (--engine 2 default, or 1)',
  flags: { engine: ENGINE_FLAG },
  async run(options) {
    const { quick, json, args = {} } = options
    if (engineId(args.engine, '2') === '2') {
      const v2 = await engine2Bench.run(options)
      return { ...v2, engine: 2 }
    }
    const runs = quick ? 15 : 60
    const log = (s: string) => (json ? process.stderr : process.stdout).write(`${s}\n`)
    const t0 = performance.now()
    getEngine().model('high')
    getEngine().model('low')
    log(
      `built the meshes in ${Math.round(performance.now() - t0)} ms; timing ${runs} renders per size`
    )
    const r128 = time(128, runs, 10)
    const r512 = time(512, runs, 5)
    return {
      render128_ms: round(r128.wall),
      render512_ms: round(r512.wall),
      triangles: getEngine().triangleCount('high'),
      triangles_low: getEngine().triangleCount('low'),
      render128_cpu_ms: round(r128.cpu),
      render512_cpu_ms: round(r512.cpu),
      runs,
      engine: 1,
    }
  },
}

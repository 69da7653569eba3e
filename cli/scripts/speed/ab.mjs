#!/usr/bin/env node
// @file Interleaved A/B timing of two engine versions in ONE process, so both see the same machine load:
// the working tree (B) against a commit (A, extracted with git archive). Each is bundled with esbuild, then
// renders alternate A, B, B, A, ... and the CPU medians are printed (an A-vs-A run shows a bias of ~2%).
// Usage: node cli/scripts/speed/ab.mjs COMMIT [grid|slider|draw] [renders=300] [size=128]
//   grid: a different plausible character per render; slider: one character, a face slider moves;
//   draw: four posed meshes drawn again and again.
import { execSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'

const [commit, mode = 'grid', n = '300', size = '128'] = process.argv.slice(2)
if (!commit)
  throw new Error('usage: node cli/scripts/speed/ab.mjs COMMIT [grid|slider|draw] [renders] [size]')
const root = execSync('git rev-parse --show-toplevel', { encoding: 'utf8' }).trim()
const work = mkdtempSync(join(tmpdir(), 'facecraft-ab-'))
const base = join(work, 'base')
mkdirSync(base)
execSync(`git archive ${commit} shared | tar -x -C ${base}`, { cwd: root })

const lib = (tree) => `
import { readFileSync } from 'node:fs'
import { characterAppearance, useHeadPack } from '${tree}/shared/src/engine/v2/index.ts'
import { createHeadShader } from '${tree}/shared/src/engine/v2/look/index.ts'
import { FACE_SLIDERS_V2, randomPlausibleCharacter } from '${tree}/shared/src/rig/v2/index.ts'
const engine = useHeadPack(new Uint8Array(readFileSync('${tree}/shared/assets/head-v2/head-v2.bin')))
const base = randomPlausibleCharacter(400)
const cases = [1, 2, 3, 4].map((s) => {
  const c = randomPlausibleCharacter(s)
  return { mesh: { ...engine.pose(c) }, a: characterAppearance(c) }
})
export function step(mode, i, size) {
  if (mode === 'draw') {
    const k = cases[i % 4]
    engine.engine.render(k.mesh, k.a, createHeadShader, { size })
    return
  }
  let c = base
  if (mode === 'grid') c = randomPlausibleCharacter((i % 400) + 1)
  else {
    c = structuredClone(base)
    c.sliders[FACE_SLIDERS_V2[i % 7].id] = (i % 11) / 10
  }
  engine.render(c, { size }, createHeadShader)
}`
const mods = []
for (const [name, tree] of [
  ['a', base],
  ['b', root],
]) {
  const src = join(work, `${name}.ts`)
  writeFileSync(src, lib(tree))
  await build({
    entryPoints: [src],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(work, `${name}.mjs`),
    logLevel: 'error',
  })
  mods.push(await import(join(work, `${name}.mjs`)))
}
const [A, B] = mods
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
for (let i = 0; i < 20; i++) for (const m of mods) m.step(mode, 10_000 + i, +size)
const ta = []
const tb = []
for (let i = 0; i < +n; i++) {
  for (const [m, t] of i % 2
    ? [
        [A, ta],
        [B, tb],
      ]
    : [
        [B, tb],
        [A, ta],
      ]) {
    const t0 = cpu()
    m.step(mode, i, +size)
    t.push(cpu() - t0)
  }
}
rmSync(work, { recursive: true })
const q = (v, p) => [...v].sort((x, y) => x - y)[Math.floor(v.length * p)].toFixed(2)
const mean = (v) => (v.reduce((x, y) => x + y, 0) / v.length).toFixed(2)
// Mean of the fastest 90% (GC pauses and load spikes land in the slowest tenth): steadier than the median for
// changes of a few percent (an A-vs-A run gives 0-1%).
const mean90 = (v) => mean([...v].sort((x, y) => x - y).slice(0, Math.floor(v.length * 0.9)))
console.log(
  `${mode} ${size}px, ${n} each: A ${commit} median ${q(ta, 0.5)} p10 ${q(ta, 0.1)} mean ${mean(ta)} mean90 ${mean90(ta)} | ` +
    `B working tree median ${q(tb, 0.5)} p10 ${q(tb, 0.1)} mean ${mean(tb)} mean90 ${mean90(tb)} ms CPU`
)

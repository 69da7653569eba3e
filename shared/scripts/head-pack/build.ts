/**
 * @file The asset build proper: selects the head-and-shoulders region of the hm08 base mesh, splits vertices at
 * UV seams, converts the chosen targets to sparse int16 offsets and the proxies to compact fitting tables, and
 * serialises it all with writePack. Everything iterates in sorted order, so the output is byte-identical.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  PACK_VERSION,
  writePack,
  type PackHeader,
  type ProxyRef,
  type SectionCoding,
  type SectionType,
  type TargetRef,
} from '../../src/engine/v2/pack.ts'
import { parseMhclo, parseObj, parseTarget, type ObjMesh } from './parse.ts'

/** Head-and-shoulders region of the base mesh (decimetres): body faces whose corners all lie above MIN_Y and
 * within MAX_ABS_X of the midline (the arms start further out). */
const MIN_Y = 5.1
const MAX_ABS_X = 2.1
/** Target offsets are stored as int16 multiples of this (0.05 mm): far below a pixel at 512 px. */
const QUANTUM = 5e-4
/** Proxy fitting weights and offsets (dm) are int16 multiples of these. */
const WEIGHT_QUANTUM = 1 / 4096
const OFFSET_QUANTUM = 5e-5
/** Face target groups of modeling_modifiers.json the head uses. */
const FACE_GROUPS = [
  'head',
  'forehead',
  'eyebrows',
  'neck',
  'eyes',
  'nose',
  'mouth',
  'ears',
  'chin',
  'cheek',
]
/** Expression units are taken from one ethnic set (they differ little; one set keeps the pack small). */
const EXPRESSION_SET = 'caucasian'

const SOURCE =
  'MakeHuman 1.x CC0 assets: makehuman@a8bc2d54ff0ac92e78ff71431b1023eda42bf482 data/, makehuman-assets@8cf9645b975a98eea056b140df11a1d278da0d10 base/'

interface ProxySpec {
  name: string
  kind: ProxyRef['kind']
  file: string
  doubleSided: boolean
}

function proxySpecs(root: string): ProxySpec[] {
  const a = join(root, 'assets', 'base')
  const list = (dir: string) =>
    readdirSync(join(a, dir))
      .filter((n) => !n.includes('.') && n !== 'materials')
      .sort()
  return [
    {
      name: 'eyes',
      kind: 'eyes',
      file: join(root, 'data/eyes/high-poly/high-poly.mhclo'),
      doubleSided: false,
    },
    ...list('eyebrows').map((n) => ({
      name: n,
      kind: 'brow' as const,
      file: join(a, 'eyebrows', n, `${n}.mhclo`),
      doubleSided: true,
    })),
    ...list('eyelashes').map((n) => ({
      name: n,
      kind: 'lash' as const,
      file: join(a, 'eyelashes', n, `${n}.mhclo`),
      doubleSided: true,
    })),
    {
      name: 'teeth',
      kind: 'teeth',
      file: join(a, 'teeth/teeth_base/teeth_base.mhclo'),
      doubleSided: false,
    },
    {
      name: 'tongue',
      kind: 'tongue',
      file: join(a, 'tongue/tongue01/tongue01.mhclo'),
      doubleSided: false,
    },
    ...list('hair').map((n) => ({
      name: n,
      kind: 'hair' as const,
      file: join(a, 'hair', n, `${n}.mhclo`),
      doubleSided: true,
    })),
  ]
}

/** Face, macro and expression target files: [pack name, path], sorted by pack name within each kind. */
function targetFiles(root: string): [string, string][] {
  const t = join(root, 'data', 'targets')
  const modifiers = JSON.parse(
    readFileSync(join(root, 'data/modifiers/modeling_modifiers.json'), 'utf8')
  ) as { group: string; modifiers: { target?: string; min?: string; max?: string }[] }[]
  const face: [string, string][] = []
  for (const g of modifiers) {
    if (!FACE_GROUPS.includes(g.group)) continue
    for (const m of g.modifiers) {
      if (!m.target) continue
      const names = m.min ? [`${m.target}-${m.min}`, `${m.target}-${m.max}`] : [m.target]
      for (const n of names) face.push([`face/${n}`, join(t, g.group, `${n}.target`)])
    }
  }
  const macro = readdirSync(join(t, 'macrodetails'))
    .filter((n) => n.endsWith('.target') && !n.includes('-baby'))
    .sort()
    .map((n): [string, string] => [`macro/${n.slice(0, -7)}`, join(t, 'macrodetails', n)])
  const exprDir = join(t, 'expression/units', EXPRESSION_SET)
  const expr = readdirSync(exprDir)
    .filter((n) => n.endsWith('.target'))
    .sort()
    .map((n): [string, string] => [`expr/${n.slice(0, -7)}`, join(exprDir, n)])
  const seen = new Set<string>()
  return [...face, ...macro, ...expr].filter(([n]) => !seen.has(n) && !!seen.add(n))
}

/** Splits polygons into triangles over (vertex, uv) pairs: returns the pairs and the triangle corners. */
function splitSeams(
  faces: ObjMesh['faces'],
  keyOf: (v: number) => number
): { pairs: [number, number][]; indices: number[] } {
  const map = new Map<string, number>()
  const pairs: [number, number][] = []
  const corner = (v: number, vt: number) => {
    const key = `${keyOf(v)}/${vt}`
    let i = map.get(key)
    if (i === undefined) {
      map.set(key, (i = pairs.length))
      pairs.push([keyOf(v), vt])
    }
    return i
  }
  const indices: number[] = []
  for (const f of faces) {
    const c = f.v.map((v, k) => corner(v, f.vt[k]!))
    for (let k = 1; k + 1 < c.length; k++) indices.push(c[0]!, c[k]!, c[k + 1]!)
  }
  return { pairs, indices }
}

function toI16(x: number, what: string): number {
  const q = Math.round(x)
  if (Math.abs(q) > 32767) throw new Error(`${what}: value ${x} beyond int16 range`)
  return q
}

const u16uv = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 65535)

function deltaCode(sorted: number[]): number[] {
  return sorted.map((v, i) => (i ? v - sorted[i - 1]! : v))
}

/** Builds the pack bytes from the MakeHuman data folder (holding data/ and assets/). */
export function buildPack(root: string): Uint8Array {
  const base = parseObj(readFileSync(join(root, 'data/3dobjs/base.obj'), 'utf8'))
  const P = base.positions
  const regionFaces = base.faces.filter(
    (f) =>
      f.group === 'body' &&
      f.v.every((v) => P[v * 3 + 1]! > MIN_Y && Math.abs(P[v * 3]!) < MAX_ABS_X)
  )
  const specs = proxySpecs(root)
  const proxies = specs.map((s) => {
    const clo = parseMhclo(readFileSync(s.file, 'utf8'))
    const obj = parseObj(readFileSync(join(s.file, '..', clo.objFile), 'utf8'))
    if (obj.positions.length / 3 !== clo.refs.length / 3) {
      throw new Error(
        `${s.file}: ${clo.refs.length / 3} fitted vertices, obj has ${obj.positions.length / 3}`
      )
    }
    return { spec: s, clo, obj }
  })
  // Morph vertices: every base vertex something reads (region, proxy references, scale references).
  const used = new Set<number>()
  for (const f of regionFaces) for (const v of f.v) used.add(v)
  for (const { clo } of proxies) {
    for (const r of clo.refs) used.add(r)
    for (const [a, b] of clo.scale) used.add(a).add(b)
  }
  const baseIndex = [...used].sort((a, b) => a - b)
  const morphOf = new Map(baseIndex.map((b, i) => [b, i]))
  const m = (b: number) => morphOf.get(b)!
  const basePositions = baseIndex.flatMap((b) => [P[b * 3]!, P[b * 3 + 1]!, P[b * 3 + 2]!])

  const sections: [string, SectionType, ArrayLike<number>, SectionCoding?][] = [
    ['baseIndex', 'u32', baseIndex],
    ['basePositions', 'f32', basePositions],
  ]
  // Skin: split at UV seams.
  const skin = splitSeams(regionFaces, m)
  sections.push(
    ['skin.pointOf', 'u16', skin.pairs.map((p) => p[0])],
    [
      'skin.uvs',
      'u16',
      skin.pairs.flatMap((p) => [u16uv(base.uvs[p[1] * 2]!), u16uv(base.uvs[p[1] * 2 + 1]!)]),
    ],
    ['skin.indices', 'u16', skin.indices]
  )
  // Targets: sparse, restricted to morph vertices, quantised, zeros dropped.
  const targets: TargetRef[] = []
  const tIndex: number[] = []
  const tDelta: number[] = []
  for (const [name, file] of targetFiles(root)) {
    const t = parseTarget(readFileSync(file, 'utf8'))
    const entries: [number, number, number, number][] = []
    for (let k = 0; k < t.index.length; k++) {
      const mi = morphOf.get(t.index[k]!)
      if (mi === undefined) continue
      const q = [0, 1, 2].map((a) => Math.round(t.delta[k * 3 + a]! / QUANTUM))
      if (q.some((x) => Math.abs(x) > 32767)) throw new Error(`${file}: offset beyond int16 range`)
      if (q[0] || q[1] || q[2]) entries.push([mi, q[0]!, q[1]!, q[2]!])
    }
    entries.sort((a, b) => a[0] - b[0])
    targets.push({ name, start: tIndex.length, count: entries.length })
    tIndex.push(...deltaCode(entries.map((e) => e[0])))
    for (let a = 1; a <= 3; a++) for (const e of entries) tDelta.push(e[a]!)
  }
  // The offsets go coded (engine/v2/pack SectionCoding): 52 KB less brotli for a phone to download.
  sections.push(
    ['targetIndex', 'u16', tIndex],
    ['targetDelta', 'i16', tDelta, 'delta-zigzag-planes']
  )
  // Proxies.
  const proxyRefs: ProxyRef[] = []
  for (const { spec, clo, obj } of proxies) {
    const split = splitSeams(obj.faces, (v) => v)
    const p = `proxy.${spec.name}`
    sections.push(
      [`${p}.refs`, 'u16', clo.refs.map(m)],
      [`${p}.weights`, 'i16', clo.weights.map((w) => toI16(w / WEIGHT_QUANTUM, spec.name))],
      [`${p}.offsets`, 'i16', clo.offsets.map((d) => toI16(d / OFFSET_QUANTUM, spec.name))],
      [`${p}.pointOf`, 'u16', split.pairs.map((q) => q[0])],
      [
        `${p}.uvs`,
        'u16',
        split.pairs.flatMap((q) => [u16uv(obj.uvs[q[1] * 2]!), u16uv(obj.uvs[q[1] * 2 + 1]!)]),
      ],
      [`${p}.indices`, 'u16', split.indices]
    )
    proxyRefs.push({
      name: spec.name,
      kind: spec.kind,
      points: clo.refs.length / 3,
      refs: `${p}.refs`,
      weights: `${p}.weights`,
      offsets: `${p}.offsets`,
      pointOf: `${p}.pointOf`,
      uvs: `${p}.uvs`,
      indices: `${p}.indices`,
      scale: clo.scale.map(([a, b, size]) => [m(a), m(b), size]) as ProxyRef['scale'],
      doubleSided: spec.doubleSided,
    })
  }
  const header: Omit<PackHeader, 'sections'> = {
    version: PACK_VERSION,
    source: SOURCE,
    quantum: QUANTUM,
    weightQuantum: WEIGHT_QUANTUM,
    offsetQuantum: OFFSET_QUANTUM,
    morphVertices: baseIndex.length,
    baseIndex: 'baseIndex',
    basePositions: 'basePositions',
    skin: {
      vertices: skin.pairs.length,
      triangles: skin.indices.length / 3,
      pointOf: 'skin.pointOf',
      uvs: 'skin.uvs',
      indices: 'skin.indices',
    },
    targets,
    proxies: proxyRefs,
  }
  return writePack(header, sections)
}

/** Modifiers whose targets only move the whole head or neck (no shape): not offered as sliders. */
const SKIPPED_MODIFIERS = new Set(['head-trans', 'neck-trans'])
/** A face slider alone at its extreme moves no vertex more than this many cm ... */
const SAFE_MAX_CM = 1.0
/** ... and with EVERY face slider at a random end at once, the RMS displacement of any vertex over the sign
 * patterns stays within this many cm (the combination the issue found grotesque at +-1). */
const SAFE_RMS_CM = 1.0
/** A vertex counts as touched by a slider when it moves more than this share of the slider's largest move. */
const SUPPORT = 0.05
/** Floor, so every slider still does something. */
const MIN_LIMIT = 0.05

/**
 * The TypeScript source of rig v2's face slider table (shared/src/rig/v2/face-sliders.gen.ts): one row per
 * MakeHuman face modifier, in modeling_modifiers.json order, with its safe limit |s| <= limit:
 * lim0 = min(1, SAFE_MAX_CM / largest move); S(v) = sqrt(sum over sliders of (lim0 * move(v))^2) is the RMS
 * move of vertex v with every slider at a random end; limit = lim0 * min(1, SAFE_RMS_CM / max S over the
 * slider's support), so every vertex keeps S(v) <= SAFE_RMS_CM.
 */
export function faceSliderSource(root: string): string {
  const modifiers = JSON.parse(
    readFileSync(join(root, 'data/modifiers/modeling_modifiers.json'), 'utf8')
  ) as { group: string; modifiers: { target?: string; min?: string; max?: string }[] }[]
  const sliders: {
    id: string
    group: string
    names: string[]
    move: Map<number, number>
    lim0: number
  }[] = []
  for (const g of modifiers) {
    if (!FACE_GROUPS.includes(g.group)) continue
    for (const m of g.modifiers) {
      if (!m.target || SKIPPED_MODIFIERS.has(m.target)) continue
      const names = m.min ? [`${m.target}-${m.min}`, `${m.target}-${m.max}`] : [m.target]
      const move = new Map<number, number>()
      let maxCm = 0
      for (const n of names) {
        const t = parseTarget(
          readFileSync(join(root, 'data/targets', g.group, `${n}.target`), 'utf8')
        )
        for (let k = 0; k < t.index.length; k++) {
          const d = Math.hypot(t.delta[k * 3]!, t.delta[k * 3 + 1]!, t.delta[k * 3 + 2]!) * 10
          const v = t.index[k]!
          if (d > (move.get(v) ?? 0)) move.set(v, d)
          if (d > maxCm) maxCm = d
        }
      }
      const id = m.min ? `${m.target}.${m.min}-${m.max}` : m.target
      const lim0 = Math.min(1, SAFE_MAX_CM / Math.max(maxCm, 1e-6))
      sliders.push({ id, group: g.group, names, move, lim0 })
    }
  }
  const sq = new Map<number, number>()
  for (const sl of sliders) {
    for (const [v, d] of sl.move) sq.set(v, (sq.get(v) ?? 0) + (sl.lim0 * d) ** 2)
  }
  const rows = sliders.map(({ id, group, names, move, lim0 }) => {
    let largest = 0
    for (const d of move.values()) largest = Math.max(largest, d)
    let worst = 0
    for (const [v, d] of move)
      if (d > SUPPORT * largest) worst = Math.max(worst, Math.sqrt(sq.get(v)!))
    const limit = Math.max(MIN_LIMIT, lim0 * Math.min(1, SAFE_RMS_CM / Math.max(worst, 1e-9)))
    const lo = names.length > 1 ? `'face/${names[0]}'` : 'null'
    return `  ['${id}', '${group}', ${lo}, 'face/${names[names.length - 1]}', ${limit.toFixed(3)}],`
  })
  return `/**
 * @module rig/v2/face-sliders.gen — GENERATED by \`npm run build:assets -w @facecraft/shared\` from the CC0
 * MakeHuman modifiers (do not edit). Per face slider: id, MakeHuman group, target at the low end (null for a
 * one-sided slider), target at the high end, safe limit |value| <= limit: alone, no vertex moves more than
 * ${SAFE_MAX_CM} cm; with every slider at a random end at once, no vertex's RMS move exceeds ${SAFE_RMS_CM} cm
 * (see faceSliderSource in shared/scripts/head-pack/build.ts). Order is part of rig v2: append only.
 */
type Row = readonly [id: string, group: string, low: string | null, high: string, limit: number]

/** The face slider rows (see the module comment). */
export const FACE_SLIDER_ROWS: readonly Row[] = [
${rows.join('\n')}
]
`
}

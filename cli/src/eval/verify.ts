/**
 * @module cli/eval/verify — `facecraft eval verify --pairs FILE --images DIR [--recognizer NAME]`: face
 * verification on predicted parameters (the paper's Table 6 protocol, verify-protocol.ts). Both photos of each
 * pair go through a creation method (--method, default the most advanced available), the parameter vectors
 * (continuous x and one-hot styles) are PCA-whitened on the nine training folds and compared by cosine; 10-fold
 * `accuracy` and `std` (sample standard deviation over folds). `--recognizer` adds the same protocol on the
 * photos' own embeddings (`recognizer_accuracy`, `recognizer_std`): the upper bound no parameter vector can beat.
 * Images: LFW layout DIR/name/name_0001.jpg (or .png), or a faces folder with an index.csv (../shared/faces), where name is
 * the `person` column and i numbers that person's rows in file order (London: 1 neutral, 2 smiling).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cosine, FaceAnalyzer, type EmbedderId } from '@facecraft/shared/face'
import { UsageError, progress } from '../command.ts'
import { nodeModelSource } from '../commands/detect.ts'
import type { Suite } from '../suite.ts'
import { pickEngine, type EngineParams } from './engines.ts'
import { LIKENESS_METHODS, type MethodContext } from './likeness-methods.ts'
import { readIndex, seededSubset } from './london.ts'
import { analysePhoto } from './photos.ts'
import { loadAverage } from './report.ts'
import { round4 } from './retrieval.ts'
import {
  fitWhitening,
  foldAccuracy,
  formatPairs,
  parsePairs,
  type Pair,
} from './verify-protocol.ts'

/** `--recognizer` names. */
export const RECOGNIZERS: Readonly<Record<string, EmbedderId>> = {
  mobileface: 'face-embedder',
  faceres: 'face-embedder-eval',
  dlib: 'face-embedder-dlib',
}

/** Resolves `name`, photo `i` to a file under `dir` (see the module comment for the two layouts). */
export function imageResolver(dir: string): (name: string, i: number) => string {
  if (existsSync(join(dir, 'index.csv'))) {
    const byPerson = new Map<string, string[]>()
    for (const row of readIndex(dir)) {
      const files = byPerson.get(row.person) ?? []
      files.push(join(dir, row.file))
      byPerson.set(row.person, files)
    }
    return (name, i) => {
      const file = byPerson.get(name)?.[i - 1]
      if (!file) throw new Error(`${dir}/index.csv has no photo ${i} of '${name}'.`)
      return file
    }
  }
  return (name, i) => {
    const stem = join(dir, name, `${name}_${String(i).padStart(4, '0')}`)
    for (const ext of ['.jpg', '.png']) if (existsSync(stem + ext)) return stem + ext
    throw new Error(`no image ${stem}.jpg (LFW layout: DIR/name/name_0001.jpg; .png is read too).`)
  }
}

/** The London pairs: 102 same (neutral vs smiling), 102 different (neutral vs a stranger's smiling), 10
 * person-disjoint folds, strangers drawn within the fold (a cyclic shift of a seeded order). */
export function londonPairs(people: readonly string[], seed = 1, folds = 10): string {
  const order = seededSubset(people, people.length, seed)
  const base = Math.floor(order.length / folds)
  const same: Omit<Pair, 'fold'>[] = []
  const different: Omit<Pair, 'fold'>[] = []
  let at = 0
  for (let f = 0; f < folds; f++) {
    const size = base + (f < order.length - base * folds ? 1 : 0)
    const group = order.slice(at, at + size)
    at += size
    group.forEach((p, k) => {
      same.push({ a: [p, 1], b: [p, 2], same: true })
      different.push({ a: [p, 1], b: [group[(k + 1) % group.length]!, 2], same: false })
    })
  }
  return formatPairs(folds, same, different)
}

export const verifyEval: Suite = {
  name: 'verify',
  summary:
    'LFW-protocol verification on predicted parameters (accuracy, std); --recognizer adds the photo bound',
  flags: {
    pairs: {
      type: 'string',
      value: 'FILE',
      description: 'pairs file in LFW pairs.txt format (required)',
    },
    images: {
      type: 'string',
      value: 'DIR',
      description: 'LFW-layout folder or a faces folder with index.csv (required)',
    },
    recognizer: {
      type: 'string',
      value: 'NAME',
      description: `also verify on photo embeddings: ${Object.keys(RECOGNIZERS).join(', ')}`,
    },
    method: {
      type: 'string',
      value: 'NAME',
      description: 'creation method (default: the most advanced available)',
    },
    engine: { type: 'string', value: 'N', description: 'engine adapter (default 1)' },
  },
  async run({ quick, args = {} }) {
    if (typeof args.pairs !== 'string' || typeof args.images !== 'string')
      throw new UsageError("'eval verify' needs --pairs FILE and --images DIR.")
    const recognizer = args.recognizer === undefined ? null : RECOGNIZERS[String(args.recognizer)]
    if (recognizer === undefined)
      throw new UsageError(
        `--recognizer must be one of ${Object.keys(RECOGNIZERS).join(', ')}, got '${args.recognizer}'.`
      )
    let text: string
    try {
      text = readFileSync(args.pairs, 'utf8')
    } catch {
      throw new UsageError(`cannot read --pairs ${args.pairs}.`)
    }
    const parsed = parsePairs(text)
    const folds = parsed.folds
    // --quick: the first 4 pairs of each block (the protocol is unchanged, only smaller).
    const pairs = quick
      ? parsed.pairs.filter(
          (p, i, all) =>
            all.slice(0, i).filter((q) => q.fold === p.fold && q.same === p.same).length < 4
        )
      : parsed.pairs
    const resolve = imageResolver(args.images)
    const files = new Set<string>()
    for (const p of pairs) for (const [n, i] of [p.a, p.b]) files.add(resolve(n, i))
    const engine = pickEngine(args.engine)
    const models = await nodeModelSource()
    const analyzer = await FaceAnalyzer.createFromOptions({ models })
    const ctx: MethodContext = { engine, analyzer, models }
    const available = LIKENESS_METHODS.filter((m) => !m.unavailable(ctx))
    const method =
      typeof args.method === 'string'
        ? available.find((m) => m.name === args.method)
        : available.at(-1)
    if (!method) {
      await analyzer.close()
      throw new UsageError(
        `--method must be one of ${available.map((m) => m.name).join(', ')} here, got '${args.method}'.`
      )
    }
    const started = performance.now()
    const params = new Map<string, Float64Array | null>()
    const embeddings = new Map<string, Float32Array | null>()
    try {
      let k = 0
      for (const file of files) {
        progress(`eval verify: photo ${++k}/${files.size}`)
        let photo
        try {
          photo = await analysePhoto(analyzer, file)
        } catch {
          params.set(file, null) // no face: the pair scores as "different"
          embeddings.set(file, null)
          continue
        }
        const p = await method.create({ image: photo.image, face: photo.face, index: k }, ctx)
        params.set(
          file,
          parameterVector(
            p,
            engine.groups.map((g) => g.options.length)
          )
        )
        if (recognizer)
          embeddings.set(file, await analyzer.embed(photo.image, photo.face, recognizer))
      }
    } finally {
      progress('')
      await analyzer.close()
    }
    const key = (p: Pair, side: 'a' | 'b') => resolve(...p[side])
    // PCA per set of training folds, cached: each test fold fits on the other nine.
    const whitening = new Map<string, (v: ArrayLike<number>) => Float64Array>()
    const whiten = (train: number[]) => {
      const id = train.join(',')
      let w = whitening.get(id)
      if (!w) {
        const rows = pairs
          .filter((p) => train.includes(p.fold))
          .flatMap((p) => [params.get(key(p, 'a')), params.get(key(p, 'b'))])
          .filter((v): v is Float64Array => !!v)
        w = fitWhitening(rows)
        whitening.set(id, w)
      }
      return w
    }
    const onParams = foldAccuracy(pairs, folds, (train, p) => {
      const a = params.get(key(p, 'a'))
      const b = params.get(key(p, 'b'))
      if (!a || !b) return -Infinity
      const w = whiten(train)
      return cosine(w(a), w(b))
    })
    const out: Record<string, unknown> = {
      accuracy: round4(onParams.accuracy),
      std: round4(onParams.std),
      method: method.name,
      pairs: pairs.length,
      folds,
      undetected: [...params.values()].filter((v) => !v).length,
    }
    if (recognizer) {
      const onPhotos = foldAccuracy(pairs, folds, (_, p) => {
        const a = embeddings.get(key(p, 'a'))
        const b = embeddings.get(key(p, 'b'))
        return a && b ? cosine(a, b) : -Infinity
      })
      out.recognizer = args.recognizer
      out.recognizer_accuracy = round4(onPhotos.accuracy)
      out.recognizer_std = round4(onPhotos.std)
    }
    out.seconds = round4((performance.now() - started) / 1000)
    out.load = loadAverage()
    return out
  },
}

/** Continuous x then a one-hot per discrete group: what PCA sees. */
export function parameterVector(p: EngineParams, groups: readonly number[]): Float64Array {
  const out = new Float64Array(p.x.length + groups.reduce((s, k) => s + k, 0))
  out.set(p.x)
  let at = p.x.length
  groups.forEach((k, g) => {
    out[at + p.styles[g]!] = 1
    at += k
  })
  return out
}

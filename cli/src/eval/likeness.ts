/**
 * @module cli/eval/likeness — `facecraft eval likeness`: the report creation is judged by (docs/likeness.md).
 * Every method of likeness-methods.ts is measured in one run; each figure is an object keyed by method.
 * - synthetic: held-out engine renders of known parameters: param_mae (continuous, [0, 1] units), discrete_acc,
 *   retrieval_top1 (the prediction's render finds its own target among all n targets, by the INDEPENDENT
 *   recogniser), n.
 * - photos: create from each person's first photo (London: NEUTRAL), rank their held-out photos (London: SMILING,
 *   among all 102): retrieval_top1, retrieval_top5, id_cos, id_margin (each the mean over the INDEPENDENT
 *   recognisers: never one used in training or as a method's input), landmark_nme
 *   (FaceMesh on the render vs on the creation photo, both in the canonical frame, / the frame's outer-eye
 *   distance), skin_delta_e (CIE76 between the median skin colours), gender_agree and age_mae (FaceRes's own
 *   attribute heads on photo vs render; used nowhere in training), n.
 * - by_group: the photo figures per method, per gender and per ethnicity label (London), so a gap shows.
 */
import {
  alignTemplate,
  applyAffine,
  FaceAnalyzer,
  invertAffine,
  type Face,
} from '@facecraft/shared/face'
import { writeFileSync } from 'node:fs'
import { DEFAULT_CREATOR_OPTIONS, rigCodec } from '@facecraft/shared/create'
import { deltaE76, encodePng, type RgbaImage } from '@facecraft/shared/image'
import { intOption } from '../args.ts'
import { nodeModelSource } from '../commands/detect.ts'
import { progress, UsageError } from '../command.ts'
import { DISTANCE_MIN_V2, VIEW_V2 } from '@facecraft/shared/engine-v2'
import type { Suite } from '../suite.ts'
import { ENGINE_FLAG, pickEngine, type EngineParams } from './engines.ts'
import { pickMethods, type LikenessMethod, type MethodContext } from './likeness-methods.ts'
import { personIntervals, personValue, type PersonFigure } from './compare.ts'
import { seededSubset } from './london.ts'
import { folderSet, londonSet, type PhotoSet, type SetPerson } from './photo-sets.ts'
import { analysePhoto, embedAll, renderCrop } from './photos.ts'
import { likenessMarkdown, rankPlots } from './likeness-report.ts'
import { renderFocalLength } from './perspective-field.ts'
import { imageGrid, loadAverage, reportName, writeReport } from './report.ts'
import { retrieval, retrievalByLabel, round4 } from './retrieval.ts'

/**
 * The independent recognisers every identity figure is averaged over: FaceRes. MobileFace is the translator's input
 * and the imitator's and refine graph's identity loss; dlib is the translator's second identity loss since session
 * 13 (models/translator/train.py dlib_weight), so it left this list then (reports up to likeness-v15 average FaceRes
 * and dlib; their per_person rows keep both, FaceRes first).
 */
export const INDEPENDENT = ['face-embedder-eval'] as const
/** Renders are analysed at this size, like a photo (FaceRes reads 224 px of the 0.52-wide window). */
const RENDER_SIZE = 512
/** Seeds of the synthetic targets: far from anything a method or the dataset draws. */
export const SYNTHETIC_SEED = 9_000_000
/** `--quick`: synthetic targets and people (a seeded subset); with all five methods about a minute, most of it
 * the two refine methods' 50 imitator steps per creation. */
const QUICK_SYNTHETIC = 8
const QUICK_PEOPLE = 12
/** People in the report's picture, and its cell size. */
const GRID_PEOPLE = 12
const CELL = 128

type Figures = Record<string, number | null>

/**
 * The rig v2 parameters a render shows well enough to recover: R^2 >= 0.5 of the translator's prediction on 1,000
 * held-out engine renders (models/translator, the 2026-12-01 release; 118 of the 167 are below 0.1). param_mae over
 * all 167 is dominated by MakeHuman sliders no recogniser sees (predicting the training mean gives 0.28); on these
 * the training mean gives 0.278 and the translator 0.13. Reported as `param_mae_identifiable`.
 */
export const IDENTIFIABLE_V2: readonly string[] = Object.freeze([
  'skin.tone',
  'expression.mouth_open',
  'expression.pucker',
  'expression.eyes_closed',
  'hair.color',
  'expression.frown',
  'expression.sneer',
  'who.african',
  'brows.color',
  'expression.brows_inner_up',
  'hair.red',
  'expression.smile',
  'hair.grey',
])

export const likenessEval: Suite = {
  name: 'likeness',
  summary:
    'creation methods on engine renders and real photos (synthetic, photos, by_group; keyed by method)',
  flags: {
    photos: {
      type: 'string',
      value: 'DIR',
      description: 'person subfolders or a flat folder instead of the London set',
    },
    methods: {
      type: 'string',
      value: 'A,B',
      description: 'only these methods (default: all available)',
    },
    engine: ENGINE_FLAG,
    synthetic: {
      type: 'string',
      value: 'N',
      description: `synthetic targets (default 100; --quick ${QUICK_SYNTHETIC})`,
    },
    distance: {
      type: 'string',
      value: 'CM',
      description:
        "synthetic targets taken from CM cm, e.g. 30 (a selfie at arm's length), with the lens a phone front camera has there, and that lens given to create (default 100: the portrait view)",
    },
    people: {
      type: 'string',
      value: 'N',
      description: `create for a seeded subset of N people (default all; --quick ${QUICK_PEOPLE})`,
    },
    report: {
      type: 'string',
      value: 'NAME',
      description: 'write models/reports/NAME.{json,md} and plots',
    },
    figure: {
      type: 'string',
      value: 'FILE',
      description:
        'write the picture for people (PNG): photo | translator | refined | held-out photo',
    },
  },
  async run({ quick, args = {} }) {
    const started = performance.now()
    // Every flag is checked before a model loads.
    const engine = pickEngine(args.engine, '2')
    const picked = pickMethods(args.methods)
    const nSynthetic = intOption(
      args.synthetic as string | undefined,
      'synthetic',
      quick ? QUICK_SYNTHETIC : 100,
      2,
      5000
    )
    const distance = intOption(
      args.distance as string | undefined,
      'distance',
      VIEW_V2.eye[2],
      DISTANCE_MIN_V2,
      1000
    )
    if (distance !== VIEW_V2.eye[2] && !engine.renderFrom)
      throw new UsageError(`--distance needs an engine with a camera to move (--engine 2)`)
    const report = reportName(args.report)
    // The photo set last: a bad flag is said even where the faces folder is missing.
    const set =
      typeof args.photos === 'string' ? folderSet(args.photos) : { ...londonSet(), skipped: [] }
    for (const s of set.skipped)
      console.error(`eval likeness: skipped '${s}' (it needs two photos)`)
    const nPeople = intOption(
      args.people as string | undefined,
      'people',
      quick ? QUICK_PEOPLE : set.people.length,
      1,
      Math.max(1, set.people.length)
    )
    const models = await nodeModelSource()
    // the creator's own detector grids, so the translator methods see each face as a player's create() does
    // (FaceAnalyzer's default adds a 2x2 tiling, which moves the crop of tilted faces a little)
    const analyzer = await FaceAnalyzer.createFromOptions({
      models,
      detectorGrids: DEFAULT_CREATOR_OPTIONS.detectorGrids,
    })
    const ctx: MethodContext = { engine, analyzer, models }
    const methods: LikenessMethod[] = []
    const skipped: Record<string, string> = {}
    for (const m of picked) {
      const why = m.unavailable(ctx)
      if (why) skipped[m.name] = why
      else methods.push(m)
    }
    try {
      if (!methods.length) throw new Error(`no method can run here: ${JSON.stringify(skipped)}`)
      const synthetic = await syntheticFigures(ctx, methods, nSynthetic, distance)
      const queries =
        nPeople < set.people.length ? seededSubset(set.people, nPeople, 1) : set.people
      const { photos, byGroup, perPerson, grid, unusable } = await photoFigures(
        ctx,
        methods,
        set,
        queries
      )
      const out = {
        synthetic,
        synthetic_distance_cm: distance,
        photos,
        photos_ci95: personIntervals(perPerson),
        by_group: byGroup,
        methods: methods.map((m) => m.name),
        skipped,
        unusable_photos: unusable,
        photo_set: set.name === 'london' ? 'london' : 'folder',
        recognizers: [...INDEPENDENT],
        engine: engine.id,
        seconds: round4((performance.now() - started) / 1000),
        load: loadAverage(),
      }
      if (report) {
        const written = writeReport(
          report,
          { ...out, per_person: perPerson },
          likenessMarkdown(report, engine.label, out, perPerson),
          { ...rankPlots(report, perPerson), [`${report}-grid.png`]: imageGrid(grid) }
        )
        console.error(`eval likeness: wrote ${written.join(', ')}`)
      }
      if (typeof args.figure === 'string') {
        writeFileSync(args.figure, encodePng(imageGrid(peopleFigure(grid, methods))))
        console.error(`eval likeness: wrote ${args.figure}`)
      }
      return out
    } finally {
      progress('')
      await analyzer.close()
    }
  },
}

/** The picture for people: each row's photo, the learned methods' characters, and the held-out photo. */
export function peopleFigure<T>(grid: T[][], methods: LikenessMethod[]): T[][] {
  const keep = methods.flatMap((m, i) => (FIGURE_METHODS.includes(m.name) ? [i + 1] : []))
  return grid.map((row) => [row[0]!, ...keep.map((i) => row[i]!), row.at(-1)!])
}

/** Methods shown in the picture for people, when they ran. */
const FIGURE_METHODS = ['translator', 'refined']

/** Held-out renders of known parameters: how well each method recovers them. */
async function syntheticFigures(
  ctx: MethodContext,
  methods: LikenessMethod[],
  n: number,
  distance: number = VIEW_V2.eye[2]
) {
  const { engine, analyzer } = ctx
  // from near, the target is seen as a phone's front camera would; its twin from the portrait view is what the
  // created character is compared with
  const near = distance !== VIEW_V2.eye[2] && engine.renderFrom ? engine.renderFrom : null
  const lens = near ? { focalLength35mm: renderFocalLength(distance) } : undefined
  const targets: {
    params: EngineParams
    image: RgbaImage
    face: Face | null
    emb: Record<string, Float32Array>
  }[] = []
  for (let i = 0; i < n; i++) {
    progress(`eval likeness: synthetic target ${i + 1}/${n}`)
    const params = engine.random(SYNTHETIC_SEED + i)
    const r = engine.render(params, RENDER_SIZE)
    const seen = near ? near(params, RENDER_SIZE, distance) : r
    const face = (await analyzer.detect(seen.image)).faces[0] ?? null
    targets.push({
      params,
      image: seen.image,
      face,
      emb: await embedAll(analyzer, { image: r.image, face: r }, INDEPENDENT),
    })
  }
  const out: Record<string, Figures> = {}
  const ids = ctx.engine.id === '2' ? rigCodec(2).ids : []
  const identifiable = IDENTIFIABLE_V2.map((id) => ids.indexOf(id)).filter((i) => i >= 0)
  for (const m of methods) {
    let mae = 0
    let maeIdentifiable = 0
    let acc = 0
    let used = 0
    const predicted: Record<string, Float32Array>[] = []
    const truth: Record<string, Float32Array>[] = []
    for (const [i, t] of targets.entries()) {
      progress(`eval likeness: synthetic ${m.name} ${i + 1}/${n}`)
      if (!t.face) continue // a method gets what the pipeline gives it: no face, no prediction
      const p = await m.create({ image: t.image, face: t.face, index: i, lens }, ctx)
      mae += p.x.reduce((s, v, k) => s + Math.abs(v - t.params.x[k]!), 0) / p.x.length
      for (const k of identifiable)
        maeIdentifiable += Math.abs(p.x[k]! - t.params.x[k]!) / identifiable.length
      acc +=
        p.styles.reduce((s, v, k) => s + (v === t.params.styles[k] ? 1 : 0), 0) / p.styles.length
      const r = engine.render(p, RENDER_SIZE)
      predicted.push(await embedAll(analyzer, { image: r.image, face: r }, INDEPENDENT))
      truth.push(t.emb)
      used++
    }
    const top1 = INDEPENDENT.map(
      (id) =>
        retrieval(
          predicted.map((e) => e[id]!),
          truth.map((e) => e[id]!)
        ).top1
    )
    out[m.name] = {
      param_mae: round4(mae / used),
      param_mae_identifiable: identifiable.length ? round4(maeIdentifiable / used) : null,
      discrete_acc: round4(acc / used),
      retrieval_top1: round4(mean(top1)),
      n: used,
    }
  }
  return out
}

/** Everything measured for one person and method. */
export interface PersonFigures {
  method: string
  person: string
  gender?: string
  ethnicity?: string
  /** Rank of the best own held-out photo, per recogniser. */
  ranks: number[]
  /** Mean cosine to the own held-out photos, per recogniser. */
  own: number[]
  /** Mean cosine to everyone else's, per recogniser. */
  others: number[]
  landmark_nme: number | null
  skin_delta_e: number | null
  gender_agree: number | null
  age_error: number | null
  /** FaceRes's P(female) of the photo and of the render (null: no face found in the render): why gender disagrees. */
  female: [number, number | null]
  /** The character's gender slider and hair style: what the render's gender reading came from. */
  who_gender: number | null
  hair_style: string | null
}

/** The parts of a saved character (EvalEngine.character) that per-person rows report. */
interface SavedTraits {
  sliders?: Record<string, number>
  styles?: Record<string, string>
}

/** Create from each query person's photo, rank their held-out photos among every person's. */
async function photoFigures(
  ctx: MethodContext,
  methods: LikenessMethod[],
  set: PhotoSet,
  queries: SetPerson[]
) {
  const { engine, analyzer } = ctx
  // The gallery: every person's held-out photos.
  const gallery: Record<string, Float32Array>[] = []
  const labels: string[] = []
  // The picture for people: the first GRID_PEOPLE queries, photo | each method's character | a held-out photo.
  const shown = new Set(queries.slice(0, GRID_PEOPLE).map((p) => p.person))
  const heldOut = new Map<string, RgbaImage>()
  const grid: RgbaImage[][] = []
  // A photo without a usable face (none found, or unreadable) is left out and listed, not the end of the run: a
  // folder of someone's own photos rarely has a face in every one.
  const unusable: UnusablePhoto[] = []
  const leaveOut = (file: string, reason: string): null => {
    if (!unusable.some((u) => u.file === file)) {
      unusable.push({ file, reason })
      console.error(`eval likeness: left out ${reason}`)
    }
    return null
  }
  const usable = (file: string) =>
    analysePhoto(analyzer, file).catch((e: Error) => leaveOut(file, e.message))
  let k = 0
  const total = set.people.reduce((s, p) => s + p.ranked.length, 0)
  for (const p of set.people)
    for (const file of p.ranked) {
      progress(`eval likeness: gallery ${++k}/${total}`)
      const photo = await usable(file)
      if (!photo) continue
      gallery.push(await embedAll(analyzer, photo, INDEPENDENT))
      labels.push(p.person)
      if (shown.has(p.person) && !heldOut.has(p.person))
        heldOut.set(p.person, analyzer.alignedCrop(photo.image, photo.face, CELL))
    }
  const perPerson: PersonFigures[] = []
  const inGallery = new Set(labels)
  for (const [i, p] of queries.entries()) {
    const photo = inGallery.has(p.person)
      ? await usable(p.create)
      : leaveOut(
          p.create,
          `${p.create}: none of ${p.person}'s other photos has a usable face to rank`
        )
    if (!photo) continue
    const photoAttr = await analyzer.attributes(photo.image, photo.face)
    const photoSkin = analyzer.partColors(photo.image, photo.face).skin
    const photoPoints = framePoints(photo.face)
    const row = shown.has(p.person) ? [analyzer.alignedCrop(photo.image, photo.face, CELL)] : null
    for (const m of methods) {
      progress(`eval likeness: photos ${m.name} ${i + 1}/${queries.length}`)
      const params = await m.create({ image: photo.image, face: photo.face, index: i }, ctx)
      const r = engine.render(params, RENDER_SIZE)
      row?.push(renderCrop(r.image, r.ibug68, CELL))
      // The render is analysed like a photo; if FaceMesh misses it, identity still uses the exact landmarks.
      const face = (await analyzer.detect(r.image)).faces[0] ?? null
      const e = await embedAll(analyzer, { image: r.image, face: face ?? r }, INDEPENDENT)
      const figures = INDEPENDENT.map((id) =>
        retrievalByLabel(
          [e[id]!],
          [p.person],
          gallery.map((g) => g[id]!),
          labels
        )
      )
      const attr = face ? await analyzer.attributes(r.image, face) : null
      const saved = engine.character(params) as SavedTraits
      const skin = face ? analyzer.partColors(r.image, face).skin : null
      perPerson.push({
        method: m.name,
        person: p.person,
        gender: p.gender,
        ethnicity: p.ethnicity,
        ranks: figures.map((f) => f.ranks[0]!),
        own: figures.map((f) => f.own[0]!),
        others: figures.map((f) => f.others[0]!),
        landmark_nme: face ? pointError(framePoints(face), photoPoints) : null,
        skin_delta_e: skin && photoSkin ? deltaE76(skin, photoSkin) : null,
        gender_agree: attr ? Number(attr.female >= 0.5 === photoAttr.female >= 0.5) : null,
        age_error: attr ? Math.abs(attr.age - photoAttr.age) : null,
        female: [photoAttr.female, attr ? attr.female : null],
        who_gender: saved.sliders?.['who.gender'] ?? null,
        hair_style: saved.styles?.['hair.style'] ?? null,
      })
    }
    if (row) grid.push([...row, heldOut.get(p.person)!])
  }
  if (!perPerson.length)
    throw new Error(
      `no person of the photo set has a usable photo to create from and another to rank (${unusable.length} left out: ${unusable
        .slice(0, 3)
        .map((u) => u.reason)
        .join('; ')}).`
    )
  const photos: Record<string, Figures> = {}
  const byGroup: Record<string, Record<string, Record<string, Figures>>> = {}
  for (const m of methods) {
    const rows = perPerson.filter((r) => r.method === m.name)
    photos[m.name] = aggregate(rows)
    byGroup[m.name] = {}
    for (const key of ['gender', 'ethnicity'] as const) {
      const values = [...new Set(rows.map((r) => r[key]).filter((v): v is string => !!v))].sort()
      if (!values.length) continue
      byGroup[m.name]![key] = Object.fromEntries(
        values.map((v) => [v, aggregate(rows.filter((r) => r[key] === v))])
      )
    }
  }
  return { photos, byGroup, perPerson, grid, unusable }
}

/** A photo `eval likeness` left out, and why (its message names the file). */
export interface UnusablePhoto {
  file: string
  reason: string
}

/** The photo figures of a group of rows (one method). */
export function aggregate(rows: PersonFigures[]): Figures {
  // each person's figure as `eval compare` resamples it (compare.ts personValue), averaged over people
  const rec = (figure: PersonFigure) => mean(rows.map((r) => personValue(r, figure)!))
  const some = (v: (number | null)[]) => {
    const ok = v.filter((x): x is number => x !== null && Number.isFinite(x))
    return ok.length ? mean(ok) : null
  }
  const skins = rows.map((r) => r.skin_delta_e).filter((v): v is number => v !== null)
  return {
    retrieval_top1: round4(rec('retrieval_top1')),
    retrieval_top5: round4(rec('retrieval_top5')),
    id_cos: round4(rec('id_cos')),
    id_margin: round4(rec('id_margin')),
    landmark_nme: round4(some(rows.map((r) => r.landmark_nme))),
    skin_delta_e: round4(skins.length ? medianOf(skins) : null),
    gender_agree: round4(some(rows.map((r) => r.gender_agree))),
    age_mae: round4(some(rows.map((r) => r.age_error))),
    n: rows.length,
  }
}

/** A face's 68 points in the canonical frame (unit square). */
function framePoints(face: Face): Float32Array {
  const inv = invertAffine(face.alignToImage)
  if (!inv) throw new Error('degenerate face alignment')
  const out = new Float32Array(136)
  for (let i = 0; i < 68; i++) {
    const [x, y] = applyAffine(inv, face.ibug68[2 * i]!, face.ibug68[2 * i + 1]!)
    out[2 * i] = x
    out[2 * i + 1] = y
  }
  return out
}

/** Mean point distance / the template's outer-eye distance. */
function pointError(a: Float32Array, b: Float32Array): number {
  const t = alignTemplate()
  const iod = Math.hypot(t[90]! - t[72]!, t[91]! - t[73]!)
  let sum = 0
  for (let i = 0; i < 68; i++)
    sum += Math.hypot(a[2 * i]! - b[2 * i]!, a[2 * i + 1]! - b[2 * i + 1]!)
  return sum / 68 / iod
}

const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN)
const medianOf = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

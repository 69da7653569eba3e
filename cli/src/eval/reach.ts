/**
 * @module cli/eval/reach — `facecraft eval reach`: how close can the engine get to real people at all? For each
 * person of a fixed, seeded subset of the London set, a black-box search (reach-search.ts: sep-CMA-ES over the
 * continuous parameters, styles by the best of each option, fixed budget, seeded) maximises MobileFace cosine
 * between the engine's front render and the person's NEUTRAL photo (both aligned to the canonical frame, the
 * photo by FaceMesh as the pipeline does, the render by its exact landmarks). The found character's render then
 * ranks the person's SMILING photo among all smiling photos by FaceRes and by dlib, recognisers the search never
 * saw (chance: top1 1/102, top5 5/102).
 * Keys: n, budget, faceres_top1, faceres_top5, dlib_top1, dlib_top5, faceres_own_cos, faceres_others_cos (plus
 * mobileface_cos: the search's own objective reached, dlib_own_cos/dlib_others_cos, evaluations, seconds, seed,
 * engine, people, scorers, sex_from, sex_agree).
 * Engine v2's prior space (the default) also maximises dlib with MobileFace (`--scorers mobileface+dlib`: the
 * weaker of the two counts twice, so neither can be gamed alone; dlib's ranks are then not independent, FaceRes's
 * still are) and holds the gender slider to the photo's sex as the product's translator reads it (`--sex
 * translator`; the set's own gender column is only compared with it: sex_agree).
 */
import { CharacterCreator, readSkinDetail } from '@facecraft/shared/create'
import type { SkinDetailBasis } from '@facecraft/shared/detail'
import { cosine, FaceAnalyzer, type Face } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import type { SkinDetail } from '@facecraft/shared/rig'
import { intOption } from '../args.ts'
import { UsageError } from '../command.ts'
import { nodeModelSource } from '../commands/detect.ts'
import type { Suite } from '../suite.ts'
import { skinDetailBasis } from '../engine-v2.ts'
import { ENGINE_FLAG, pickEngine, type EngineParams } from './engines.ts'
import { LONDON_CITATION, londonPeople, seededSubset } from './london.ts'
import { analysePhoto, embedAll, renderCrop } from './photos.ts'
import {
  alignedNme,
  allowedStylesV2,
  darkChin,
  jointScore,
  LANDMARK_WEIGHT,
  plausibleStylesV2,
  priorSpaceV2,
  colourCalibration,
  type PhotoEvidence,
} from './reach-prior.ts'
import { searchLikeness } from './reach-search.ts'
import { imageGrid, loadAverage, markdownTable, reportName, writeReport } from './report.ts'
import { retrieval, round4 } from './retrieval.ts'

/** Render size during the search: the MobileFace window (0.52 of the frame) then has >= 112 px. */
const SEARCH_SIZE = 224
/** Render size for the independent recognisers (FaceRes reads 224 px of a 0.52 window). */
const FINAL_SIZE = 512
const GRID_PEOPLE = 12
const CELL = 128

export const reachEval: Suite = {
  name: 'reach',
  summary:
    'likeness ceiling on London: search sliders toward a neutral photo, rank the smiling photo (faceres_top1, dlib_top1, ...)',
  flags: {
    engine: ENGINE_FLAG,
    n: { type: 'string', value: 'N', description: 'people (default 40; --quick 5)' },
    budget: {
      type: 'string',
      value: 'N',
      description: 'renders per person (default 1000; --quick 200)',
    },
    seed: { type: 'string', value: 'S', description: 'subset and search seed (default 1)' },
    report: {
      type: 'string',
      value: 'NAME',
      description: 'write models/reports/NAME.{json,md,png}',
    },
    space: {
      type: 'string',
      value: 'S',
      description:
        "engine v2's search space: prior (default: the real-face prior, photo skin tone, shown styles, + landmarks) or box (every slider, MobileFace only)",
    },
    scorers: {
      type: 'string',
      value: 'S',
      description:
        "recognisers the search maximises: 'mobileface' or 'mobileface+dlib' (prior space default: both, the weaker counting twice; then dlib's figures are not independent)",
    },
    sex: {
      type: 'string',
      value: 'S',
      description:
        "prior space: 'translator' (default: the photo's sex as the product's translator reads it fixes the gender range) or 'free'",
    },
    detail: {
      type: 'string',
      value: 'on|off',
      description:
        "engine v2: 'on' (default) draws the skin detail read from the neutral photo on every candidate (the rig's detail group is read, as the creator reads it, not searched); 'off' as before session 30",
    },
  },
  async run({ quick, args = {} }) {
    const engine = pickEngine(args.engine, '2')
    const all = londonPeople()
    const n = intOption(args.n as string | undefined, 'n', quick ? 5 : 40, 1, all.length)
    const budget = intOption(
      args.budget as string | undefined,
      'budget',
      quick ? 200 : 1000,
      60,
      100000
    )
    const seed = intOption(args.seed as string | undefined, 'seed', 1, 0, 2 ** 31)
    const spaceName = (args.space as string | undefined) ?? (engine.id === '2' ? 'prior' : 'box')
    if (!['prior', 'box'].includes(spaceName) || (spaceName === 'prior' && engine.id !== '2'))
      throw new UsageError(
        `--space must be 'box' or (engine 2 only) 'prior', got '${spaceName}' for engine ${engine.id}.`
      )
    const usePrior = spaceName === 'prior'
    const scorers =
      (args.scorers as string | undefined) ?? (usePrior ? 'mobileface+dlib' : 'mobileface')
    if (!['mobileface', 'mobileface+dlib'].includes(scorers))
      throw new UsageError(`--scorers must be 'mobileface' or 'mobileface+dlib', got '${scorers}'.`)
    const sexFrom = (args.sex as string | undefined) ?? (usePrior ? 'translator' : 'free')
    if (!['translator', 'free'].includes(sexFrom) || (sexFrom === 'translator' && !usePrior))
      throw new UsageError(
        `--sex must be 'free' or (prior space only) 'translator', got '${sexFrom}' in the ${spaceName} space.`
      )
    const withDlib = scorers === 'mobileface+dlib'
    const detailMode = (args.detail as string | undefined) ?? (engine.id === '2' ? 'on' : 'off')
    if (!['on', 'off'].includes(detailMode) || (detailMode === 'on' && engine.id !== '2'))
      throw new UsageError(`--detail must be 'on' (engine 2 only) or 'off', got '${detailMode}'.`)
    const basis = detailMode === 'on' ? skinDetailBasis() : null
    const report = reportName(args.report)
    const people = seededSubset(all, n, seed)
    const started = performance.now()
    const log = (line: string) => console.error(`eval reach: ${line}`)
    const models = await nodeModelSource()
    const analyzer = await FaceAnalyzer.createFromOptions({ models })
    const creator =
      sexFrom === 'translator'
        ? await CharacterCreator.createFromOptions({ models, analyzer })
        : null
    const eval_ = ['face-embedder-eval', 'face-embedder-dlib'] as const
    try {
      const toneOf = usePrior
        ? await colourCalibration(engine, analyzer, SEARCH_SIZE, 'skin', ['skin.tone'])
        : null
      // The gallery: every smiling photo, embedded by the two independent recognisers.
      const gallery: Record<string, Float32Array>[] = []
      const smilingCrops = new Map<string, RgbaImage>()
      for (const [i, p] of all.entries()) {
        const photo = await analysePhoto(analyzer, p.smiling)
        gallery.push(await embedAll(analyzer, photo, eval_))
        if (people.slice(0, GRID_PEOPLE).includes(p))
          smilingCrops.set(p.person, analyzer.alignedCrop(photo.image, photo.face, CELL))
        if ((i + 1) % 25 === 0) log(`gallery ${i + 1}/${all.length}`)
      }
      const rows: PersonResult[] = []
      const grid: RgbaImage[][] = []
      const write = (done: boolean) => {
        const figures = summarise(rows, gallery, budget)
        const sexed = rows.filter((r) => r.evidence.sex)
        const out = {
          ...figures,
          scorers,
          sex_from: sexFrom,
          // A check only (the index's self-reported gender is never read by the search).
          sex_agree: sexed.length
            ? round4(sexed.filter((r) => r.evidence.sex === r.gender).length / sexed.length)
            : null,
          seed,
          engine: engine.id,
          space: spaceName,
          detail: detailMode,
          seconds: round4((performance.now() - started) / 1000),
          load: loadAverage(),
          people: rows.map((r) => r.person),
          // A checkpoint (written after each person) says how far the run got; the final report says true.
          complete: done,
          people_planned: people.length,
        }
        if (report) {
          const perPerson = rows.map((r) => ({
            person: r.person,
            gender: r.gender,
            ethnicity: r.ethnicity,
            mobileface_cos: round4(r.mobileface_cos),
            landmark_nme: round4(r.landmark_nme),
            skin_tone_photo: r.evidence.skinTone === null ? null : round4(r.evidence.skinTone),
            hair_color_photo: r.evidence.hairColor === null ? null : round4(r.evidence.hairColor),
            facial_hair_shown: r.evidence.facialHair,
            sex_read: r.evidence.sex ?? null,
            faceres_rank: figures.ranks.faceres[rows.indexOf(r)],
            dlib_rank: figures.ranks.dlib[rows.indexOf(r)],
            styles: r.styles,
            character: r.character,
          }))
          const { ranks: _ranks, ...keys } = out
          const written = writeReport(
            report,
            { ...keys, per_person: perPerson },
            reachMarkdown(report, engine.label, keys, perPerson),
            grid.length ? { [`${report}.png`]: pairGrid(grid) } : {}
          )
          if (done) log(`wrote ${written.join(', ')}`)
        }
        return out
      }
      for (const [k, p] of people.entries()) {
        const t0 = performance.now()
        const neutral = await analysePhoto(analyzer, p.neutral)
        const target = await analyzer.embed(neutral.image, neutral.face, 'face-embedder')
        const targetDlib = withDlib
          ? await analyzer.embed(neutral.image, neutral.face, 'face-embedder-dlib')
          : null
        const { skin } = analyzer.partColors(neutral.image, neutral.face)
        // No skin reading (rare): the tone is searched freely and facial hair is not tried.
        const evidence: PhotoEvidence = {
          skinTone: toneOf && skin ? toneOf(skin) : null,
          // The brows do not tell the hair's colour: renders' brows all read lighter than photos' (a first run
          // mapped 16 of 20 people to near-black hair, blondes included), so hair colour is searched freely.
          hairColor: null,
          facialHair: skin ? darkChin(neutral.image, neutral.face, skin) : false,
          sex: creator ? await translatorSex(creator, neutral) : null,
        }
        // The photo's skin detail (read as the creator reads it, around the mean of the sex the photo shows),
        // drawn on every candidate: the rig's detail group is read, not searched.
        const detail = basis ? photoDetail(analyzer, neutral, basis, evidence.sex) : undefined
        const withDetail = (params: EngineParams): EngineParams =>
          detail ? { ...params, detail } : params
        const result = await searchLikeness({
          start: engine.mean(),
          groups: engine.groups.map((g) => g.options.length),
          budget,
          seed: seed * 1000 + k,
          score: async (params) => {
            const r = engine.render(withDetail(params), SEARCH_SIZE)
            let cos = cosine(await analyzer.embed(r.image, r, 'face-embedder'), target)
            if (targetDlib)
              cos = jointScore(
                cos,
                cosine(await analyzer.embed(r.image, r, 'face-embedder-dlib'), targetDlib)
              )
            return usePrior
              ? cos - LANDMARK_WEIGHT * alignedNme(neutral.face.ibug68, r.ibug68)
              : cos
          },
          ...(usePrior
            ? {
                space: priorSpaceV2(evidence),
                allowed: allowedStylesV2(evidence),
                project: plausibleStylesV2,
              }
            : {}),
        })
        // The search's own recogniser at the found point (the objective may hold more than it).
        const found = engine.render(withDetail(result.best), SEARCH_SIZE)
        const mobileface = cosine(await analyzer.embed(found.image, found, 'face-embedder'), target)
        const final = engine.render(withDetail(result.best), FINAL_SIZE)
        const e = await embedAll(analyzer, { image: final.image, face: final }, eval_)
        rows.push({
          person: p.person,
          gender: p.gender,
          ethnicity: p.ethnicity,
          index: all.indexOf(p),
          mobileface_cos: mobileface,
          landmark_nme: alignedNme(neutral.face.ibug68, found.ibug68),
          evidence,
          evaluations: result.evaluations,
          seconds: (performance.now() - t0) / 1000,
          embeddings: e,
          character: engine.character(result.best),
          styles: Object.fromEntries(
            engine.groups.map((g, i) => [g.id, g.options[result.best.styles[i]!]])
          ),
        })
        if (k < GRID_PEOPLE)
          grid.push([
            analyzer.alignedCrop(neutral.image, neutral.face, CELL),
            renderCrop(final.image, final.ibug68, CELL),
            smilingCrops.get(p.person)!,
          ])
        log(
          `${k + 1}/${people.length} ${p.person} mobileface ${mobileface.toFixed(3)} in ${rows.at(-1)!.seconds.toFixed(1)} s (load ${loadAverage()})`
        )
        // A long run that is stopped early still leaves its figures so far (complete: false).
        if (report && k + 1 < people.length) write(false)
      }
      const out = write(true)
      const { ranks: _ranks, ...keys } = out
      return keys
    } finally {
      await analyzer.close()
    }
  },
}

/** The photo's sex as the product's translator reads it (its gender slider's side). */
async function translatorSex(
  creator: CharacterCreator,
  photo: Awaited<ReturnType<typeof analysePhoto>>
): Promise<'female' | 'male'> {
  const { character } = await creator.createFromFace(photo.image, photo.face)
  return character.sliders['who.gender']! > 0.5 ? 'male' : 'female'
}

interface PersonResult {
  person: string
  gender: string
  ethnicity: string
  /** Index into the whole gallery (all London people). */
  index: number
  mobileface_cos: number
  /** NME between the photo's and the found character's aligned landmarks. */
  landmark_nme: number
  evidence: PhotoEvidence
  evaluations: number
  seconds: number
  embeddings: Record<string, Float32Array>
  styles: Record<string, string | undefined>
  /** The found character as the game saves it. */
  character: unknown
}

/** The published keys from each person's render vs the whole smiling gallery. */
function summarise(rows: PersonResult[], gallery: Record<string, Float32Array>[], budget: number) {
  const rank = (id: string) =>
    retrieval(
      rows.map((r) => r.embeddings[id]!),
      gallery.map((g) => g[id]!),
      rows.map((r) => r.index)
    )
  const faceres = rank('face-embedder-eval')
  const dlib = rank('face-embedder-dlib')
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length
  return {
    n: rows.length,
    budget,
    faceres_top1: round4(faceres.top1),
    faceres_top5: round4(faceres.top5),
    dlib_top1: round4(dlib.top1),
    dlib_top5: round4(dlib.top5),
    faceres_own_cos: round4(faceres.own_cos),
    faceres_others_cos: round4(faceres.others_cos),
    dlib_own_cos: round4(dlib.own_cos),
    dlib_others_cos: round4(dlib.others_cos),
    mobileface_cos: round4(mean(rows.map((r) => r.mobileface_cos))),
    landmark_nme: round4(mean(rows.map((r) => r.landmark_nme))),
    evaluations: round4(mean(rows.map((r) => r.evaluations))),
    faceres_median_rank: median(faceres.ranks),
    dlib_median_rank: median(dlib.ranks),
    ranks: { faceres: faceres.ranks, dlib: dlib.ranks },
  }
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Rows of (neutral | character | smiling), two people per grid row. */
function pairGrid(people: RgbaImage[][]): RgbaImage {
  const rows: (RgbaImage | null)[][] = []
  for (let i = 0; i < people.length; i += 2)
    rows.push([...people[i]!, null, ...(people[i + 1] ?? [null, null, null])])
  return imageGrid(rows)
}

function reachMarkdown(
  name: string,
  engine: string,
  keys: Record<string, unknown>,
  perPerson: Record<string, unknown>[]
): string {
  const figures = markdownTable(
    ['key', 'value'],
    Object.entries(keys)
      .filter(([k]) => k !== 'people')
      .map(([k, v]) => [k, JSON.stringify(v)])
  )
  const people = markdownTable(
    ['person', 'gender', 'ethnicity', 'mobileface_cos', 'faceres_rank', 'dlib_rank', 'styles'],
    perPerson.map((p) => [
      p.person,
      p.gender,
      p.ethnicity,
      p.mobileface_cos,
      p.faceres_rank,
      p.dlib_rank,
      Object.values(p.styles as object).join(', '),
    ])
  )
  const joint = keys.scorers === 'mobileface+dlib'
  return `# ${name}: \`facecraft eval reach\` on ${engine}

Black-box search (sep-CMA-ES, styles by the best of each allowed option, fixed budget, seeded) maximising
${
  joint
    ? 'the JOINT score of MobileFace and dlib (each cosine scaled from strangers to the same person, the weaker counting twice)'
    : 'MobileFace cosine'
} between the front render and each person's NEUTRAL photo${
    keys.space === 'prior'
      ? ` minus ${LANDMARK_WEIGHT} x the landmark NME (FaceMesh's 68 points of the photo vs the render's, aligned), in
the space of plausible people: the face prior fitted to real train faces (whitened, with a prior penalty;
symmetric faces), skin tone and hair colour read from the photo (calibrated on renders; straying costs), no
lipstick or glasses, facial hair only where the photo's chin or upper lip reads dark`
      : ' over every continuous parameter in [0, 1]'
  }; the found character's render then ranks the person's SMILING photo among all ${102} smiling photos by
FaceRes and by dlib (${
    joint
      ? 'FaceRes the search never saw; dlib was in its objective, so the dlib figures are NOT independent'
      : 'recognisers the search never saw'
  }; chance top1 ~0.01, top5 ~0.05).${
    keys.sex_from === 'translator'
      ? " The gender slider is held to the photo's sex as the product's translator reads it."
      : ''
  } Protocol: docs/likeness.md.${
    keys.complete === false
      ? `\n\n**Partial run** (a checkpoint): ${perPerson.length} of ${String(keys.people_planned)} people searched so far; the figures are over them.`
      : ''
  }

${figures}

![reach grid](${name}.png)

Each triple: aligned neutral photo (the search target) | the searched character | aligned smiling photo (ranked).
Photos: ${LONDON_CITATION}.

${people}
`
}

/** The photo's skin detail, read as the creator reads it, around the mean of the sex it shows (0.5: unknown). */
function photoDetail(
  analyzer: FaceAnalyzer,
  photo: { image: RgbaImage; face: Face },
  basis: SkinDetailBasis,
  sex: 'female' | 'male' | null | undefined
): SkinDetail {
  const male = sex === 'male' ? 1 : sex === 'female' ? 0 : 0.5
  return readSkinDetail(analyzer, photo.image, photo.face, basis, male)
}

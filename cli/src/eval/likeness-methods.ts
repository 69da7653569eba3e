/**
 * @module cli/eval/likeness-methods — the ways to create a character from a photo that `eval likeness` compares.
 * The baselines `random` (a random character) and `mean` (the rig's default face), and the learned methods
 * (likeness-translator.ts): `translator` (one shot), `refined` (translator then refine with the imitator) and
 * `iterative` (refine from the mean face). A method whose model (for the engine's rig) is not in the manifest is
 * reported as skipped, with the reason, instead of failing.
 */
import type { PhotoLens } from '@facecraft/shared/create'
import type { Face, FaceAnalyzer } from '@facecraft/shared/face'
import type { RgbaImage } from '@facecraft/shared/image'
import type { ModelSource } from '@facecraft/shared/ml'
import { UsageError } from '../command.ts'
import type { EngineParams, EvalEngine } from './engines.ts'
import { refineMethod, translatorMethod } from './likeness-translator.ts'

/** What a method may use. */
export interface MethodContext {
  engine: EvalEngine
  analyzer: FaceAnalyzer
  models: ModelSource
}

/** One photo to create from (already analysed), and its position in the run (seeds the random baseline). */
export interface MethodInput {
  image: RgbaImage
  face: Face
  index: number
  /** The lens it was taken with, where known (synthetic targets from near: `eval likeness --distance`). */
  lens?: PhotoLens
}

/** A creation method. */
export interface LikenessMethod {
  name: string
  summary: string
  /** null when the method can run here; otherwise why not (e.g. its model is not in the manifest). */
  unavailable(ctx: MethodContext): string | null
  /** The engine parameters for the photo. */
  create(input: MethodInput, ctx: MethodContext): Promise<EngineParams>
}

/** A method that needs a model file from the manifest; unavailable (with the reason) until it is released. */
export function needsModel(ctx: MethodContext, id: string): string | null {
  return ctx.models.manifest.models.some((m) => m.id === id)
    ? null
    : `model '${id}' is not in models/release/manifest.json`
}

/** Seed offset of the random baseline, apart from the seeds that make synthetic targets. */
const RANDOM_SEED = 7_000_000

/** Every method, in report order. Later methods append here (translator, refined, iterative). */
export const LIKENESS_METHODS: readonly LikenessMethod[] = [
  {
    name: 'random',
    summary: 'a random character (the rig’s own distribution); the chance floor',
    unavailable: () => null,
    create: async ({ index }, { engine }) => engine.random(RANDOM_SEED + index),
  },
  {
    name: 'mean',
    summary: 'the rig’s default character for every photo; what any method must beat',
    unavailable: () => null,
    create: async (_input, { engine }) => engine.mean(),
  },
  translatorMethod,
  refineMethod(
    'refined',
    'the translator, then the refine graph (imitator) toward the photo',
    'translator'
  ),
  refineMethod(
    'iterative',
    'the refine graph from the mean face (the paper’s iterative mode)',
    'mean'
  ),
]

/** The methods named by `--methods a,b` (default: all), checked against the registry. */
export function pickMethods(value: string | boolean | undefined): LikenessMethod[] {
  if (typeof value !== 'string') return [...LIKENESS_METHODS]
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const unknown = names.filter((n) => !LIKENESS_METHODS.some((m) => m.name === n))
  if (unknown.length || names.length === 0)
    throw new UsageError(
      `--methods takes a comma list of ${LIKENESS_METHODS.map((m) => m.name).join(', ')}; got '${value}'.`
    )
  return LIKENESS_METHODS.filter((m) => names.includes(m.name))
}

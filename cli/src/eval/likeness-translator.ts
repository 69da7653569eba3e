/**
 * @module cli/eval/likeness-translator — the learned creation methods of `eval likeness`, all through
 * CharacterCreator (shared/src/create), sharing the run's FaceAnalyzer: `translator` (one shot), `refined`
 * (translator, then the refine graph) and `iterative` (the refine graph from the mean face).
 */
import { CharacterCreator, rigCodec } from '@facecraft/shared/create'
import { engineParams } from '../commands/create-render.ts'
import { skinDetailBasis } from '../engine-v2.ts'
import type { LikenessMethod, MethodContext, MethodInput } from './likeness-methods.ts'

const creators = new WeakMap<MethodContext, Promise<CharacterCreator>>()

/** The run's creator (one per context; it shares the context's analyzer and so its model loader). */
function creatorFor(ctx: MethodContext): Promise<CharacterCreator> {
  let c = creators.get(ctx)
  if (!c) {
    c = CharacterCreator.createFromOptions({
      models: ctx.models,
      analyzer: ctx.analyzer,
      skinDetail: ctx.engine.id === '2' ? skinDetailBasis() : null,
    })
    creators.set(ctx, c)
  }
  return c
}

/** Why model `id` cannot serve the engine of `ctx` (absent, or made for another rig); null when it can. */
export function modelFor(ctx: MethodContext, id: string): string | null {
  const entry = ctx.models.manifest.models.find((m) => m.id === id)
  if (!entry) return `model '${id}' is not in models/release/manifest.json`
  if (String(entry.rigVersion) !== ctx.engine.id)
    return `model '${id}' was made for rig v${entry.rigVersion}, not engine ${ctx.engine.id}'s rig; run with --engine ${entry.rigVersion}`
  return null
}

/** The translator in one shot: photo features -> x. */
export const translatorMethod: LikenessMethod = {
  name: 'translator',
  summary: 'the translator (one shot): photo features -> parameters',
  unavailable: (ctx) => modelFor(ctx, 'translator'),
  async create({ image, face, lens }: MethodInput, ctx) {
    const creator = await creatorFor(ctx)
    return engineParams((await creator.createFromFace(image, face, lens)).character)
  },
}

/** Refine from the translator's character (`translator`) or from the rig's mean face (`mean`). */
export function refineMethod(
  name: string,
  summary: string,
  start: 'translator' | 'mean'
): LikenessMethod {
  return {
    name,
    summary,
    // Both need the translator: CharacterCreator (which runs refine) is made around it.
    unavailable: (ctx) => modelFor(ctx, 'refine') ?? modelFor(ctx, 'translator'),
    async create({ image, face, lens }: MethodInput, ctx) {
      const creator = await creatorFor(ctx)
      const first =
        start === 'translator'
          ? (await creator.createFromFace(image, face, lens)).character
          : rigCodec(ctx.engine.id).fromVector(ctx.engine.mean().x, ctx.engine.mean().styles)
      const targets = await creator.targets(image, face, lens)
      // from the mean face nothing was read from the photo: the descent may move the hair too
      const keep = start === 'mean' ? { keep: [] } : {}
      return engineParams((await creator.refine(first, targets, keep)).character)
    },
  }
}

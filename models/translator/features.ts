/**
 * @module translator/features — the translator's training inputs: translatorFeatures (shared/src/create, the
 * function CharacterCreator runs on photos) applied to every sample of a dataset's shards. Python reads the
 * result and never recomputes a feature. The dataset is only read; the features go to their own folder:
 *
 *   OUT/features.json              { format, version, length, dataset, recogniser, shards: [{ name, count }] }
 *   OUT/shard-00000/features.npy   (count, FEATURE_LENGTH) float32; a row of NaN where the render had no face
 *
 * @example
 * npx tsx translator/features.ts --dataset .work/dev-rig2 --out .work/dev-rig2-features   # from models/
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { FEATURE_LENGTH, FEATURE_VERSION, translatorFeatures } from '@facecraft/shared/create'
import { decodeNpy, encodeNpy } from '../dataset/npy.ts'
import type { DatasetIndex } from '../dataset/format.ts'

/** Format name written in features.json. */
export const FEATURES_FORMAT = 'facecraft-translator-features'

async function readField(
  dir: string,
  shard: string,
  field: string
): Promise<Float32Array | Uint8Array> {
  const t = decodeNpy(await readFile(join(dir, shard, `${field}.npy`)))
  return t.data as Float32Array | Uint8Array
}

/** The (count, FEATURE_LENGTH) features of one shard; NaN rows where the render had no face. */
export async function shardFeatures(
  dir: string,
  shard: string,
  count: number
): Promise<Float32Array> {
  const [face, mesh, embedding, colors] = await Promise.all(
    ['face', 'mesh', 'embedding', 'part_colors'].map((f) => readField(dir, shard, f))
  )
  const e = embedding!.length / count
  const out = new Float32Array(count * FEATURE_LENGTH).fill(NaN)
  for (let i = 0; i < count; i++) {
    if (!face![i]) continue
    translatorFeatures(
      {
        embedding: (embedding as Float32Array).subarray(i * e, (i + 1) * e),
        mesh: (mesh as Float32Array).subarray(i * 1404, (i + 1) * 1404),
        partColors: (colors as Float32Array).subarray(i * 15, (i + 1) * 15),
      },
      out.subarray(i * FEATURE_LENGTH, (i + 1) * FEATURE_LENGTH)
    )
  }
  return out
}

/** Writes the features of every completed shard of `dataset` under `out`. */
export async function writeFeatures(dataset: string, out: string): Promise<number> {
  const index = JSON.parse(await readFile(join(dataset, 'dataset.json'), 'utf8')) as DatasetIndex
  const shards: { name: string; count: number }[] = []
  for (const s of index.shards) {
    try {
      await readFile(join(dataset, s.name, 'done.json'))
    } catch {
      console.warn(`features: ${s.name} is not complete yet (no done.json); skipped`)
      continue
    }
    const data = await shardFeatures(dataset, s.name, s.count)
    await mkdir(join(out, s.name), { recursive: true })
    await writeFile(
      join(out, s.name, 'features.npy'),
      encodeNpy({ shape: [s.count, FEATURE_LENGTH], data })
    )
    shards.push({ name: s.name, count: s.count })
    process.stdout.write(`\rfeatures ${shards.length}/${index.shards.length} shards`)
  }
  const meta = {
    format: FEATURES_FORMAT,
    version: FEATURE_VERSION,
    length: FEATURE_LENGTH,
    dataset: resolve(dataset),
    rigVersion: index.rigVersion,
    recogniser: index.recogniser,
    shards,
  }
  await writeFile(join(out, 'features.json'), JSON.stringify(meta, null, 2) + '\n')
  process.stdout.write('\n')
  return shards.reduce((a, s) => a + s.count, 0)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { dataset: { type: 'string' }, out: { type: 'string' } },
  })
  if (!values.dataset || !values.out) {
    console.error('usage: npx tsx translator/features.ts --dataset DIR --out DIR')
    process.exit(2)
  }
  const n = await writeFeatures(values.dataset, values.out)
  console.log(`${values.out}: features of ${n} samples`)
}

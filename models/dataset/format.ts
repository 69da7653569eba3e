/**
 * @module dataset/format — the on-disk dataset: an index (dataset.json) and shards of .npy files.
 *
 *   DIR/dataset.json             the index (DatasetIndex): rig schema (`facecraft rig --json`), frame, fields, shards
 *   DIR/shard-00000/<field>.npy  one file per field, first axis = the shard's samples (numpy.load reads them)
 *   DIR/shard-00000/done.json    written last: a shard without it is incomplete and is regenerated on resume
 *
 * A studio can supply its own engine's (x, render) pairs: write `x`, `styles`, `image` and `landmarks` (the other
 * fields may be all NaN / 0) and an index with its own rig schema; training reads nothing else.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { encodeNpy } from './npy.ts'
import type { Sample } from './sample.ts'

/** Format name and version written in every index; readers refuse others. */
export const FORMAT = 'facecraft-imitator-dataset'
export const FORMAT_VERSION = 1

/** One stored field: numpy dtype, per-sample shape (symbolic sizes resolved at write time), meaning. */
export interface FieldSpec {
  dtype: 'uint8' | 'int32' | 'float32'
  shape: number[]
  meaning: string
}

/** The fields of a shard, keyed by file stem; `key` is the Sample property it comes from. */
export function fieldSpecs(
  size: number,
  vector: number,
  styles: number,
  embedding: number
): Record<string, FieldSpec & { key: keyof Sample }> {
  return {
    x: { key: 'x', dtype: 'float32', shape: [vector], meaning: 'continuous parameters in [0,1], rig order (sliders then colours)' },
    styles: { key: 'styles', dtype: 'int32', shape: [styles], meaning: 'option index of each discrete style group, rig order' },
    image: { key: 'image', dtype: 'uint8', shape: [size, size, 3], meaning: 'front render, RGB, canonical aligned frame, white background' },
    landmarks: { key: 'landmarks', dtype: 'float32', shape: [68, 2], meaning: "engine's exact iBUG-68 points, unit frame (pixels / size), x right, y down" },
    visible: { key: 'visible', dtype: 'uint8', shape: [68], meaning: '1 when the engine marks the point as facing the camera' },
    face: { key: 'face', dtype: 'uint8', shape: [], meaning: 'FaceAnalyzer found exactly one face on the render' },
    mesh: { key: 'mesh', dtype: 'float32', shape: [468, 3], meaning: 'FaceMesh on the render, unit frame (x, y, z / size); NaN when face = 0' },
    embedding: { key: 'embedding', dtype: 'float32', shape: [embedding], meaning: 'MobileFace on the FaceMesh-aligned crop (as for a photo), unit length; NaN when face = 0' },
    embedding_frame: { key: 'embeddingFrame', dtype: 'float32', shape: [embedding], meaning: "MobileFace on the frame's fixed recogniser window (index.frame.embedWindow), unit length" },
    parts: { key: 'parts', dtype: 'uint8', shape: [size, size], meaning: 'part labels from FaceMesh: 0 background, 1 skin, 2 brows, 3 eyes, 4 nose, 5 lips' },
    part_colors: { key: 'partColors', dtype: 'float32', shape: [5, 3], meaning: 'median sRGB 0..255 of skin, brows, eyes, nose, lips; NaN when missing' },
  } // prettier-ignore
}

/** The index file. */
export interface DatasetIndex {
  format: typeof FORMAT
  version: number
  /** The rig schema exactly as `facecraft rig --json` prints it. */
  rig: unknown
  rigVersion: number | string
  /** What made the pairs: renderer, view, background. */
  engine: { name: string; view: string; background: number[] }
  size: number
  seed: number
  priorShare: number
  /** The plausible samples carry random skin detail (`--detail`; absent in datasets made before it). */
  detail?: boolean
  count: number
  shardSize: number
  /** The canonical frame: the 68-point align template (unit square) and the recogniser window in it. */
  frame: { template: number[]; embedWindow: number[] }
  /** The recogniser behind the embeddings: manifest id and file sha256. */
  recogniser: { id: string; sha256: string }
  fields: Record<string, FieldSpec>
  /** Shard names in order; shard k holds samples [k * shardSize, ...). */
  shards: { name: string; start: number; count: number }[]
}

/** The shard plan for `count` samples. */
export function planShards(count: number, shardSize: number): DatasetIndex['shards'] {
  const shards: DatasetIndex['shards'] = []
  for (let start = 0, k = 0; start < count; start += shardSize, k++)
    shards.push({
      name: `shard-${String(k).padStart(5, '0')}`,
      start,
      count: Math.min(shardSize, count - start),
    })
  return shards
}

/** Whether the shard `name` under `dir` was completed (its done.json exists and names its count). */
export async function shardDone(dir: string, name: string, count: number): Promise<boolean> {
  try {
    const done = JSON.parse(await readFile(join(dir, name, 'done.json'), 'utf8')) as {
      count: number
    }
    return done.count === count
  } catch {
    return false
  }
}

/** Writes a finished shard atomically: into a temp folder, then renamed into place. */
export async function writeShard(
  dir: string,
  name: string,
  samples: Sample[],
  fields: ReturnType<typeof fieldSpecs>
): Promise<void> {
  const tmp = join(dir, `${name}.tmp-${process.pid}`)
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp, { recursive: true })
  for (const [stem, spec] of Object.entries(fields)) {
    const per = spec.shape.reduce((a, b) => a * b, 1)
    const Type =
      spec.dtype === 'uint8' ? Uint8Array : spec.dtype === 'int32' ? Int32Array : Float32Array
    const data = new Type(per * samples.length)
    samples.forEach((s, i) => {
      const v = s[spec.key]
      if (typeof v === 'number') data[i] = v
      else data.set(v, i * per)
    })
    await writeFile(
      join(tmp, `${stem}.npy`),
      encodeNpy({ shape: [samples.length, ...spec.shape], data })
    )
  }
  await writeFile(join(tmp, 'done.json'), JSON.stringify({ count: samples.length }) + '\n')
  await rm(join(dir, name), { recursive: true, force: true })
  await rename(tmp, join(dir, name))
}

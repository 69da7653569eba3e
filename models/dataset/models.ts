/** @module dataset/models — the released face models (models/release) as a ModelSource for FaceAnalyzer in Node. */
import { readFile } from 'node:fs/promises'
import { parseManifest, type ModelSource } from '@facecraft/shared/ml'

/** models/release beside this file. */
export const RELEASE_DIR = new URL('../release/', import.meta.url)

/** The released manifest and its files, read from disk. */
export async function releaseModels(dir: URL = RELEASE_DIR): Promise<ModelSource> {
  const manifest = parseManifest(JSON.parse(await readFile(new URL('manifest.json', dir), 'utf8')))
  return { manifest, read: async (file) => new Uint8Array(await readFile(new URL(file, dir))) }
}

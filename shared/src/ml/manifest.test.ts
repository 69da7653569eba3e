import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MODEL_GROUPS, modelsInGroup, parseManifest, type ModelEntry } from './manifest.ts'

const entry = (id: string, group?: string): ModelEntry =>
  ({ id, file: `${id}.onnx`, sha256: '0', bytes: 1, inputs: [], outputs: [], group }) as ModelEntry

describe('model manifest groups', () => {
  it('the released manifest gives every file a known group', () => {
    const url = new URL('../../../models/release/manifest.json', import.meta.url)
    const manifest = parseManifest(JSON.parse(readFileSync(url, 'utf8')))
    for (const m of manifest.models) expect(MODEL_GROUPS).toContain(m.group)
    expect(modelsInGroup(manifest, 'eval').map((m) => m.id)).toEqual([
      'face-embedder-eval',
      'face-embedder-dlib',
      'imitator',
    ])
    // What a phone downloads to refine: the refine graph alone (it embeds the imitator's weights).
    expect(modelsInGroup(manifest, 'refine').map((m) => m.id)).toEqual(['refine'])
  })

  it('filters by group and reads a manifest from before groups as needed by every step', () => {
    const manifest = parseManifest({
      schema: 1,
      release: 'r',
      models: [entry('a', 'create'), entry('b', 'refine'), entry('old')],
    })
    expect(modelsInGroup(manifest, 'refine').map((m) => m.id)).toEqual(['b', 'old'])
    expect(modelsInGroup(manifest, 'create').map((m) => m.id)).toEqual(['a', 'old'])
  })

  it('names the entries with an unknown group and the valid groups', () => {
    const json = { schema: 1, release: 'r', models: [entry('a', 'train'), entry('b', 'eval')] }
    expect(() => parseManifest(json)).toThrow(/a \('train'\).*create, refine, eval/)
  })
})

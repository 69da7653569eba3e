import { describe, expect, it } from 'vitest'
import type { ModelFile } from '@facecraft/shared/api'
import { cacheGroup, cacheNameOf, filesOfGroup } from './model-store.ts'

const file = (id: string, group?: string) =>
  ({
    id,
    url: `/models/${id}.onnx`,
    sha256: '0',
    bytes: 1,
    inputs: [],
    outputs: [],
    ...(group ? { group } : {}),
  }) as ModelFile

describe('model store groups', () => {
  it('keeps only the files of the group; a file without a group is a create file (servers before API v1.3)', () => {
    const files = [
      file('detector', 'create'),
      file('faceres', 'eval'),
      file('refine', 'refine'),
      file('old'),
    ]
    expect(filesOfGroup(files, 'create').map((f) => f.id)).toEqual(['detector', 'old'])
    expect(filesOfGroup(files, 'eval').map((f) => f.id)).toEqual(['faceres'])
    expect(filesOfGroup([file('a'), file('b')], 'create')).toHaveLength(2)
  })

  it('names a cache per variant, group and release, and reads the group back (old names held create files)', () => {
    const name = cacheNameOf('wasm', 'create', 'face-2026-11')
    expect(name).toBe('facecraft-models-wasm-create-face-2026-11')
    expect(cacheGroup(name)).toBe('create')
    expect(cacheGroup(cacheNameOf('webgpu', 'refine', 'r1'))).toBe('refine')
    expect(cacheGroup('facecraft-models-wasm-face-next')).toBe('create')
  })
})

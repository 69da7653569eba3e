import { describe, expect, it } from 'vitest'
import { createCharacter } from '@facecraft/shared/rig'
import type { StoredCharacter } from '../store/db.ts'
import { decidePull, decideTombstone, sameContent } from './sync-merge.ts'

const base = createCharacter()
const changed = createCharacter({ sliders: { 'face.width': 0.9 } })

function local(over: Partial<StoredCharacter>): StoredCharacter {
  return {
    id: 'a',
    name: 'Ada',
    character: base,
    updatedAt: '2026-01-01T00:00:00Z',
    revision: 2,
    dirty: false,
    deleted: false,
    thumbnail: null,
    ...over,
  }
}
const remote = (revision: number, character = changed, name = 'Ada') => ({
  id: 'a',
  revision,
  name,
  character,
  updatedAt: '2026-01-02T00:00:00Z',
})

describe('decidePull', () => {
  it.each([
    ['new on this device', null, remote(1), 'take'],
    ['older or same revision', local({ revision: 3 }), remote(3), 'keep'],
    ['changed only on the server', local({}), remote(3), 'take'],
    ['changed on both sides alike', local({ dirty: true, character: changed }), remote(3), 'adopt'],
    ['changed on both sides differently', local({ dirty: true }), remote(3), 'conflict'],
    [
      'renamed here, edited there',
      local({ dirty: true, name: 'Bo', character: changed }),
      remote(3),
      'conflict',
    ],
    ['deleted here, edited there', local({ dirty: true, deleted: true }), remote(3), 'conflict'],
    [
      'deleted here, same content there',
      local({ dirty: true, deleted: true, character: changed }),
      remote(3),
      'conflict',
    ],
  ] as const)('%s -> %s', (_label, l, r, expected) => {
    expect(decidePull(l, r)).toBe(expected)
  })
})

describe('decideTombstone', () => {
  const tomb = { id: 'a', revision: 3, deletedAt: '2026-01-03T00:00:00Z' }
  it.each([
    ['not on this device', null, 'ignore'],
    ['already newer here', local({ revision: 3 }), 'ignore'],
    ['unchanged here', local({}), 'remove'],
    ['deleted here too', local({ dirty: true, deleted: true }), 'remove'],
    ['edited here', local({ dirty: true }), 'conflict'],
  ] as const)('%s -> %s', (_label, l, expected) => {
    expect(decideTombstone(l, tomb)).toBe(expected)
  })
})

describe('sameContent', () => {
  it('ignores key order but not values', () => {
    const reordered = {
      ...base,
      sliders: Object.fromEntries(Object.entries(base.sliders).reverse()),
    }
    expect(sameContent({ name: 'x', character: base }, { name: 'x', character: reordered })).toBe(
      true
    )
    expect(sameContent({ name: 'x', character: base }, { name: 'x', character: changed })).toBe(
      false
    )
    expect(sameContent({ name: 'x', character: base }, { name: 'y', character: base })).toBe(false)
  })
})

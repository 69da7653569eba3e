import { describe, expect, it } from 'vitest'
import { createCharacter } from '@facecraft/shared/rig'
import type { StoredCharacter } from '../store/db.ts'
import {
  deleteReach,
  ownerForSave,
  ownerOf,
  recordsToRemove,
  signOutSummary,
  syncsWith,
  undecidedDeviceOnly,
} from './ownership.ts'

function record(id: string, over: Partial<StoredCharacter> = {}): StoredCharacter {
  return {
    id,
    name: id,
    character: createCharacter(),
    updatedAt: '2026-01-01T00:00:00Z',
    revision: 1,
    dirty: false,
    deleted: false,
    thumbnail: null,
    ...over,
  }
}

// A shared tablet: Ann's characters (kept at her sign-out), Ben's, and two made while signed out.
const device = [
  record('ann-1', { owner: 'ann' }),
  record('ann-2', { owner: 'ann', dirty: true }),
  record('ann-gone', { owner: 'ann', deleted: true, dirty: true }),
  record('ben-1', { owner: 'ben' }),
  record('guest-1', { owner: null, revision: 0, dirty: true }),
  record('guest-2', { owner: null, revision: 0, dirty: true }),
  record('guest-deleted', { owner: null, revision: 0, deleted: true }),
]

describe('ownerOf', () => {
  it('keeps a stored owner, including null (device-only)', () => {
    expect(ownerOf({ owner: 'ann' }, 'ben')).toBe('ann')
    expect(ownerOf({ owner: null }, 'ben')).toBeNull()
  })
  it('gives records from before owners existed the account the device last synced with', () => {
    expect(ownerOf({}, 'ann')).toBe('ann')
    expect(ownerOf({}, null)).toBeNull()
  })
})

describe('syncsWith', () => {
  it("uploads only the signed-in account's own records", () => {
    expect(device.filter((r) => syncsWith(r, 'ben')).map((r) => r.id)).toEqual(['ben-1'])
    expect(device.filter((r) => syncsWith(r, 'ann')).map((r) => r.id)).toEqual([
      'ann-1',
      'ann-2',
      'ann-gone',
    ])
  })
  it('never syncs a device-only or an unmigrated record', () => {
    expect(syncsWith({ owner: null }, 'ann')).toBe(false)
    expect(syncsWith({}, 'ann')).toBe(false)
  })
})

describe('ownerForSave', () => {
  it('gives a new character to whoever is signed in, or to nobody when signed out', () => {
    expect(ownerForSave(null, 'ann')).toBe('ann')
    expect(ownerForSave(null, null)).toBeNull()
  })
  it('never moves an existing character to the account signed in now', () => {
    expect(ownerForSave({ owner: 'ann' }, 'ben')).toBe('ann')
    expect(ownerForSave({ owner: null }, 'ben')).toBeNull()
  })
})

describe('undecidedDeviceOnly', () => {
  it('asks only about visible device-only characters not yet kept out of this account', () => {
    expect(undecidedDeviceOnly(device, new Set()).map((r) => r.id)).toEqual(['guest-1', 'guest-2'])
    expect(undecidedDeviceOnly(device, new Set(['guest-1'])).map((r) => r.id)).toEqual(['guest-2'])
  })
})

describe('deleteReach', () => {
  it("reaches the server only for the signed-in account's uploaded records", () => {
    expect(deleteReach({ owner: 'ann', revision: 2 }, 'ann')).toBe('account')
    expect(deleteReach({ revision: 2 }, 'ann')).toBe('account')
    expect(deleteReach({ owner: 'ann', revision: 0 }, 'ann')).toBe('device')
    expect(deleteReach({ owner: 'ann', revision: 2 }, 'ben')).toBe('device')
    expect(deleteReach({ owner: 'ann', revision: 2 }, null)).toBe('device')
    expect(deleteReach({ owner: null, revision: 0 }, 'ben')).toBe('device')
  })
})

describe('sign-out', () => {
  it("counts the account's visible characters and the unsynced ones", () => {
    expect(signOutSummary(device, 'ann')).toEqual({ count: 2, unsynced: 1 })
    expect(signOutSummary(device, 'nobody')).toEqual({ count: 0, unsynced: 0 })
  })
  it("removes only that account's records (tombstones too), never another's or device-only ones", () => {
    expect(recordsToRemove(device, 'ann')).toEqual(['ann-1', 'ann-2', 'ann-gone'])
    expect(recordsToRemove(device, 'ben')).toEqual(['ben-1'])
  })
})

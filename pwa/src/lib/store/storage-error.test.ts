import { describe, expect, it } from 'vitest'
import { StorageError, toStorageError } from './storage-error.ts'

describe('toStorageError', () => {
  it.each([
    ['QuotaExceededError', 'quota', /out of space/],
    ['InvalidStateError', 'unavailable', /private mode/],
    ['SecurityError', 'unavailable', /private mode/],
    ['VersionError', 'blocked', /another tab/],
    ['TypeError', 'unknown', /Export your gallery/],
  ])('%s -> %s', (name, problem, message) => {
    const error = toStorageError(new DOMException('x', name))
    expect(error).toBeInstanceOf(StorageError)
    expect(error.problem).toBe(problem)
    expect(error.message).toMatch(message)
  })

  it('keeps a StorageError as it is', () => {
    const error = new StorageError('quota', 'full')
    expect(toStorageError(error)).toBe(error)
  })
})

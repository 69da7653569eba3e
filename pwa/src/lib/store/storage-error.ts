/** @module lib/store/storage-error — turns browser storage failures into messages that say what happened and what to do. */

export type StorageProblem = 'unavailable' | 'quota' | 'blocked' | 'unknown'

/** A storage failure a player can meet; `message` is written for them. */
export class StorageError extends Error {
  override readonly name = 'StorageError'
  constructor(
    readonly problem: StorageProblem,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

const MESSAGES: Record<StorageProblem, string> = {
  unavailable:
    'This browser will not let facecraft save (private mode or storage turned off). Your characters last only ' +
    'until you close the tab: export them from the gallery, or open facecraft in a normal window.',
  quota:
    'Your device is out of space for facecraft. Export your gallery to a file, delete characters you no longer ' +
    'need, or free space on the device, then save again.',
  blocked:
    'facecraft is open in another tab with an older version. Close the other tabs, then reload this one.',
  unknown:
    'Saving failed unexpectedly. Export your gallery to a file to keep it safe, then reload.',
}

/** Classifies any error thrown by IndexedDB or the Cache API as a StorageError with a player-facing message. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const problem: StorageProblem =
    name === 'QuotaExceededError'
      ? 'quota'
      : name === 'InvalidStateError' || name === 'SecurityError' || name === 'NotAllowedError'
        ? 'unavailable'
        : name === 'VersionError' || name === 'BlockedError'
          ? 'blocked'
          : 'unknown'
  return new StorageError(problem, MESSAGES[problem], { cause: error })
}

/** A StorageError for a problem known without an exception (e.g. no IndexedDB at all). */
export function storageError(problem: StorageProblem): StorageError {
  return new StorageError(problem, MESSAGES[problem])
}

/** @module lib/sync/use-sync — sync status and the signed-in user, for screens. */
import { useEffect, useState } from 'preact/hooks'
import type { ApiUser } from '@facecraft/shared/api'
import { loadSession, onSessionChange } from '../account/session.ts'
import { getSyncStatus, onSyncStatus, type SyncStatus } from './sync-controller.ts'

export function useSyncStatus(): SyncStatus {
  const [status, setStatus] = useState(getSyncStatus)
  useEffect(() => onSyncStatus(setStatus), [])
  return status
}

/** The signed-in user; null when signed out; undefined while loading. */
export function useUser(): ApiUser | null | undefined {
  const [user, setUser] = useState<ApiUser | null | undefined>(undefined)
  useEffect(() => {
    void loadSession().then((s) => setUser(s?.user ?? null))
    return onSessionChange(setUser)
  }, [])
  return user
}

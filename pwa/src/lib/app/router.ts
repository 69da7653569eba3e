/** @module lib/app/router — a tiny history router: the path picks the screen, the hash carries share codes. */
import { useEffect, useState } from 'preact/hooks'

export interface Route {
  path: string
  hash: string
}

const current = (): Route => ({ path: location.pathname, hash: location.hash })
const listeners = new Set<(r: Route) => void>()

/** Asked before in-app navigation; returning false stays (e.g. the player keeps unsaved edits). */
let leaveGuard: (() => boolean) | null = null

/** Sets (or with null, clears) the leave guard; returns a function that clears it if it is still this one. */
export function setLeaveGuard(guard: (() => boolean) | null): () => void {
  leaveGuard = guard
  return () => {
    if (leaveGuard === guard) leaveGuard = null
  }
}

/** Goes to `to` (a path, optionally with #hash); `replace` keeps the back button from returning here. */
export function navigate(to: string, replace = false): void {
  if (leaveGuard && !leaveGuard()) return
  leaveGuard = null
  if (replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  for (const listener of listeners) listener(current())
  window.scrollTo(0, 0)
}

/** The current route, re-rendering on navigation and on the back button. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current)
  useEffect(() => {
    const onPop = () => setRoute(current())
    listeners.add(setRoute)
    window.addEventListener('popstate', onPop)
    return () => {
      listeners.delete(setRoute)
      window.removeEventListener('popstate', onPop)
    }
  }, [])
  return route
}

/**
 * @module features/install/install-prompt — "Install app" where the browser offers installation: Chromium fires
 * beforeinstallprompt when the site is installable; the event is kept (the browser's mini-infobar is suppressed)
 * and replayed when the player taps Install. Other browsers never fire it, and the button never shows there.
 */
import { useEffect, useState } from 'preact/hooks'

/** The event Chromium sends (not in TypeScript's DOM types). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

let pending: InstallPromptEvent | null = null
const listeners = new Set<() => void>()
const changed = () => listeners.forEach((l) => l())

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault()
    pending = e as InstallPromptEvent
    changed()
  })
  window.addEventListener('appinstalled', () => {
    pending = null
    changed()
  })
}

/** A function that shows the browser's install dialog, or null when the browser offers none now. */
export function useInstallPrompt(): (() => Promise<void>) | null {
  const [, setTick] = useState(0)
  useEffect(() => {
    const listener = () => setTick((t) => t + 1)
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }, [])
  if (!pending) return null
  const event = pending
  return async () => {
    // A prompt can be shown once; whatever the answer, the button goes.
    pending = null
    changed()
    await event.prompt()
    await event.userChoice.catch(() => undefined)
  }
}

/**
 * @module lib/app/toast — short messages at the bottom of the screen (saved, copied, errors), announced politely. One at
 * a time: a new message replaces the one showing, so toasts never stack over the screen.
 */
import { useEffect, useState } from 'preact/hooks'

export interface ToastMessage {
  id: number
  text: string
  tone: 'info' | 'error'
}

let next = 1
const listeners = new Set<(t: ToastMessage) => void>()

/** Shows `text`; errors stay longer. */
export function toast(text: string, tone: ToastMessage['tone'] = 'info'): void {
  const message = { id: next++, text, tone }
  for (const listener of listeners) listener(message)
}

/** The message on screen now (a list of at most one, for the renderer). */
export function useToasts(): ToastMessage[] {
  const [items, setItems] = useState<ToastMessage[]>([])
  useEffect(() => {
    const add = (t: ToastMessage) => {
      setItems([t])
      setTimeout(
        () => setItems((prev) => prev.filter((p) => p.id !== t.id)),
        t.tone === 'error' ? 8000 : 3000
      )
    }
    listeners.add(add)
    return () => listeners.delete(add)
  }, [])
  return items
}

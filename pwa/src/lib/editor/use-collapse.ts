/**
 * @module lib/editor/use-collapse — the editor's collapsing header: the preview is large at the top of the page
 * and shrinks (never below a size that still shows the face) as the player scrolls down to the sliders.
 *
 * The header is sticky; a spacer above it grows by exactly what the header loses, so the page's height never
 * changes while scrolling (a header that changed the flow would make the browser's scroll anchoring fight it).
 */
import { useEffect } from 'preact/hooks'

/** Smallest preview, CSS px: still a face you can judge a change on. */
export const MIN_PREVIEW_PX = 112
/** Largest preview, CSS px, and its share of the viewport height. */
const MAX_PREVIEW_PX = 420
const PREVIEW_VH = 0.42

/** Preview sizes for an editor `width` px wide in a viewport `height` px tall: [large, small]. */
export function previewSizes(width: number, height: number): [number, number] {
  const large = Math.round(
    Math.max(MIN_PREVIEW_PX, Math.min(width - 24, height * PREVIEW_VH, MAX_PREVIEW_PX))
  )
  // Tall phones keep a larger face when collapsed.
  const small = Math.round(Math.min(large, Math.max(MIN_PREVIEW_PX, height * 0.17)))
  return [large, small]
}

/**
 * Sets --preview-size and --collapse (CSS px) on `root` from the window's scroll position and size; `ready` re-runs
 * it when the element behind `root` changes (the editor's content replacing its loading state).
 */
export function useCollapse(root: { current: HTMLElement | null }, ready: boolean): void {
  useEffect(() => {
    let frame = 0
    const update = () => {
      frame = 0
      const el = root.current
      if (!el) return
      const [large, small] = previewSizes(el.clientWidth, innerHeight)
      const collapse = Math.min(Math.max(0, scrollY), large - small)
      el.style.setProperty('--preview-size', `${large - collapse}px`)
      el.style.setProperty('--collapse', `${collapse}px`)
    }
    const schedule = () => (frame ||= requestAnimationFrame(update))
    update()
    addEventListener('scroll', schedule, { passive: true })
    addEventListener('resize', schedule)
    return () => {
      cancelAnimationFrame(frame)
      removeEventListener('scroll', schedule)
      removeEventListener('resize', schedule)
    }
  }, [ready])
}

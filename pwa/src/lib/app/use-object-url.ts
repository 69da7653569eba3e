/** @module lib/app/use-object-url — an object URL for a Blob, revoked when the Blob changes or the view unmounts. */
import { useEffect, useState } from 'preact/hooks'

export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!blob) return setUrl(null)
    const next = URL.createObjectURL(blob)
    setUrl(next)
    return () => URL.revokeObjectURL(next)
  }, [blob])
  return url
}

/**
 * @module components/camera — "Take a selfie": the front camera mirrored like a mirror, a face-oval guide, a live
 * hint from the face detector a few times a second (too dark, no face, several faces, move closer, turn to the
 * camera), a shutter, then the still with Retake / Use this photo. Camera problems get a message, never a dead end.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import {
  CameraError,
  closeCamera,
  frontCameraLens,
  liveFrame,
  openFrontCamera,
  takeStill,
} from '../../features/photo/camera.ts'
import { checkFrame, type LiveHint } from '../../features/photo/inference.ts'
import { useObjectUrl } from '../../lib/app/use-object-url.ts'
import styles from './style.module.css'

/** Time between live checks, ms: a few per second, leaving the (shared, small) CPU to the preview. */
const CHECK_EVERY_MS = 350

export function Camera(props: {
  onPhoto: (photo: Blob) => void
  onCancel: () => void
  onError: (message: string) => void
}) {
  const video = useRef<HTMLVideoElement>(null)
  const [stream, setStream] = useState<MediaStream | null>(null)
  // The shutter waits for the first video frame (a still needs the video's size).
  const [playing, setPlaying] = useState(false)
  const [hint, setHint] = useState<LiveHint | null>(null)
  const [still, setStill] = useState<Blob | null>(null)
  const stillUrl = useObjectUrl(still)

  // The camera runs while there is no still; Retake starts it again.
  useEffect(() => {
    if (still) return
    let alive = true
    let opened: MediaStream | null = null
    openFrontCamera().then(
      (s) => {
        opened = s
        if (!alive) return closeCamera(s)
        setStream(s)
        if (video.current) video.current.srcObject = s
      },
      (e: unknown) => alive && props.onError(e instanceof CameraError ? e.message : String(e))
    )
    return () => {
      alive = false
      closeCamera(opened)
      setStream(null)
      setPlaying(false)
    }
  }, [still])

  // Live checks: one frame at a time, never queued behind a slow one.
  useEffect(() => {
    if (!stream) return
    let alive = true
    let timer: ReturnType<typeof setTimeout>
    const tick = async () => {
      const el = video.current
      if (el && el.readyState >= 2 && el.videoWidth) {
        try {
          const result = await checkFrame(await liveFrame(el))
          if (alive) setHint(result)
        } catch (error) {
          console.warn('live check failed', error)
        }
      }
      if (alive) timer = setTimeout(() => void tick(), CHECK_EVERY_MS)
    }
    void tick()
    return () => ((alive = false), clearTimeout(timer))
  }, [stream])

  async function shoot() {
    if (!video.current?.videoWidth) return
    setStill(await takeStill(video.current, frontCameraLens(stream)))
  }

  const ok = hint?.code === 'ok'
  return (
    <div class={styles.camera}>
      <div class={styles.stage}>
        {still ? (
          <img class={styles.still} src={stillUrl ?? undefined} alt='The picture you took' />
        ) : (
          <video
            ref={video}
            class={styles.video}
            autoplay
            playsinline
            muted
            onPlaying={() => setPlaying(true)}
            data-testid='camera-video'
            aria-label='Camera'
          />
        )}
        {!still && (
          <svg
            class={styles.guide}
            viewBox='0 0 100 100'
            preserveAspectRatio='none'
            aria-hidden='true'
          >
            <ellipse cx='50' cy='46' rx='27' ry='34' class={ok ? styles.ovalOk : styles.oval} />
          </svg>
        )}
      </div>
      {!still && (
        <p
          role='status'
          class={ok ? styles.hintOk : styles.hint}
          data-testid='camera-hint'
          data-code={hint?.code ?? ''}
        >
          {stream ? (hint?.message ?? 'Looking for your face…') : 'Starting the camera…'}
        </p>
      )}
      <div class={styles.actions}>
        {still ? (
          <>
            <button onClick={() => setStill(null)}>Retake</button>
            <button class='primary' onClick={() => props.onPhoto(still)}>
              Use this photo
            </button>
          </>
        ) : (
          <>
            <button onClick={props.onCancel}>Cancel</button>
            <button
              class={`primary ${styles.shutter}`}
              disabled={!playing}
              onClick={() => void shoot()}
              aria-label='Take the picture'
            >
              Take the picture
            </button>
          </>
        )}
      </div>
    </div>
  )
}

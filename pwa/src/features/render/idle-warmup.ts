/**
 * @module features/render/idle-warmup — runs a one-off preparation once a Worker has been idle for a while, never
 * while requests keep coming. Why: the thumbnails' level of detail (engine/v2/lod) is built on its first use, about
 * 0.2 s of decimation (in Node; more on a phone) that a level-of-detail thumbnail saves back only after some 40
 * renders (12-27% of each). Asked for by the first thumbnails, it made a first run's sample grid slower; built in
 * the Worker's first idle moment instead, the first screen is drawn at full detail and every later one is faster.
 */
export class IdleWarmup {
  private timer: ReturnType<typeof setTimeout> | undefined
  private state: 'waiting' | 'ready' | 'failed' = 'waiting'

  /**
   * `prepare` does the work (synchronously: the Worker is idle, and a request that arrives meanwhile waits for it
   * once); `idleMs` is how long nothing must have happened first.
   */
  constructor(
    private readonly prepare: () => void,
    private readonly idleMs: number
  ) {}

  /** Whether the preparation has run and succeeded. */
  get ready(): boolean {
    return this.state === 'ready'
  }

  /** Something happened: the idle wait starts again (nothing more once prepared, or once it failed). */
  touch(): void {
    if (this.state !== 'waiting') return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.run(), this.idleMs)
  }

  private run(): void {
    this.timer = undefined
    try {
      this.prepare()
      this.state = 'ready'
    } catch (error) {
      // Not retried (it would fail again): the callers go on without it (thumbnails at full detail: slower, never
      // wrong).
      this.state = 'failed'
      console.warn(`Preparation skipped (${(error as Error).message})`)
    }
  }
}

/**
 * @module features/render/frame-scheduler — keeps at most one render in flight and one waiting. While a frame
 * renders, newer requests REPLACE the waiting one, so a fast slider drag never builds a queue of stale frames.
 */

/** What a request carries back to the drawer, with timing for the frame-latency figure. */
export interface Scheduled<Req, Res> {
  request: Req
  result: Res
  /** performance.now() (ms) when the request was made, and when its result arrived. */
  requestedAt: number
  doneAt: number
}

/** Coalescing scheduler around an async render function. */
export class FrameScheduler<Req, Res> {
  private inFlight = false
  private waiting: { request: Req; at: number } | null = null
  /** Requests replaced before they were rendered (how much coalescing saved). */
  dropped = 0

  constructor(
    private readonly render: (request: Req) => Promise<Res>,
    private readonly deliver: (frame: Scheduled<Req, Res>) => void,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
    private readonly now: () => number = () => performance.now()
  ) {}

  /** Asks for a frame; it renders at once if idle, else replaces any frame still waiting. */
  request(request: Req): void {
    if (this.waiting) this.dropped++
    this.waiting = { request, at: this.now() }
    if (!this.inFlight) void this.pump()
  }

  /** True while a render is running or waiting. */
  get busy(): boolean {
    return this.inFlight || this.waiting !== null
  }

  private async pump(): Promise<void> {
    this.inFlight = true
    while (this.waiting) {
      const { request, at } = this.waiting
      this.waiting = null
      try {
        const result = await this.render(request)
        this.deliver({ request, result, requestedAt: at, doneAt: this.now() })
      } catch (error) {
        this.onError(error)
      }
    }
    this.inFlight = false
  }
}

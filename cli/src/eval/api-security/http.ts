/**
 * @module cli/eval/api-security/http — the attack suite's client: one place that sends requests to the local
 * Worker (127.0.0.1 only), gives each simulated client its own `CF-Connecting-IP` (as Cloudflare's edge would),
 * and counts every answer, 5xx and transport failures included.
 */
import type { SessionResponse } from '@facecraft/shared/api'

/** One answer: status, headers and body text (transport failures have status 0). */
export interface Answer {
  status: number
  headers: Headers
  text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any
}

/** Request options: a non-string body is sent as JSON; `raw` sends the string as it is. */
export interface Send {
  method?: string
  body?: unknown
  raw?: string
  /** Raw bytes (e.g. invalid UTF-8); wins over `raw` and `body`. */
  bytes?: Uint8Array
  token?: string
  ip?: string
  headers?: Record<string, string>
}

export const PASSWORD = 'eval security passphrase 7'

/** The attack suite's client of one Worker. */
export class Http {
  requests = 0
  serverErrors = 0
  private ipCounter = 0

  private origin = ''

  constructor(base: string) {
    this.base = base
  }

  /** The Worker's origin; only 127.0.0.1 is ever attacked. */
  get base(): string {
    return this.origin
  }
  set base(url: string) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`only 127.0.0.1, got ${url}`)
    this.origin = url
  }

  /** A fresh simulated client address (10.x.y.z). */
  nextIp(): string {
    const n = ++this.ipCounter
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
  }

  async send(path: string, o: Send = {}): Promise<Answer> {
    const headers = new Headers(o.headers)
    let body: string | Uint8Array | undefined = o.bytes ?? o.raw
    if (o.body !== undefined && o.raw === undefined && o.bytes === undefined) {
      body = JSON.stringify(o.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
    if (o.token) headers.set('authorization', `Bearer ${o.token}`)
    if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', o.ip ?? this.nextIp())
    this.requests++
    let status = 0
    let text = ''
    let resHeaders = new Headers()
    try {
      const res = await fetch(this.base + path, { method: o.method ?? 'GET', headers, body })
      status = res.status
      resHeaders = res.headers
      text = await res.text()
    } catch (err) {
      text = (err as Error).message
    }
    if (status === 0 || status >= 500) this.serverErrors++
    return {
      status,
      headers: resHeaders,
      text,
      json: () => JSON.parse(text),
    }
  }

  /** Registers an account (each from its own address); throws unless 201. */
  async register(email: string, password = PASSWORD): Promise<SessionResponse> {
    const res = await this.send('/v1/auth/register', { method: 'POST', body: { email, password } })
    if (res.status !== 201)
      throw new Error(`register gave ${res.status}: ${res.text.slice(0, 200)}`)
    return res.json() as SessionResponse
  }

  /** An anonymous account (its own address). */
  async anonymous(): Promise<SessionResponse> {
    const res = await this.send('/v1/auth/anonymous', { method: 'POST' })
    if (res.status !== 201)
      throw new Error(`anonymous gave ${res.status}: ${res.text.slice(0, 200)}`)
    return res.json() as SessionResponse
  }

  refresh(refreshToken: string): Promise<Answer> {
    return this.send('/v1/auth/refresh', { method: 'POST', body: { refreshToken } })
  }
}

let emails = 0
/** A unique email for this run. */
export const newEmail = (tag: string) =>
  `${tag}-${Date.now().toString(36)}-${emails++}@eval.example`

/** Runs `fn` over `items` with at most `width` in flight. */
export async function pool<T, R>(
  items: T[],
  width: number,
  fn: (item: T) => Promise<R>
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!)
      }
    })
  )
  return out
}

/**
 * @module middleware/json-body — reads a JSON request body safely: requires `Content-Type: application/json`,
 * caps its size while streaming (a lying Content-Length cannot get past), rejects nesting deeper than `maxDepth`
 * before parsing, and puts the value in `c.get('body')`. Every failure is a 4xx with a code, never a 5xx.
 */
import { createMiddleware } from 'hono/factory'
import { API_LIMITS } from '@facecraft/shared/api'
import type { AppEnv } from '../../env.ts'
import { apiError } from '../../errors.ts'

export interface JsonBodyOptions {
  /** Largest accepted body in bytes. */
  maxBytes?: number
  /** Deepest accepted nesting of objects and arrays. */
  maxDepth?: number
  /** Treat an absent body as `{}` (e.g. POST /v1/auth/anonymous). */
  allowEmpty?: boolean
}

/** Parses the body of the request as JSON under the limits; see the module header. */
export function jsonBody({
  maxBytes = API_LIMITS.maxBodyBytes,
  maxDepth = API_LIMITS.maxJsonDepth,
  allowEmpty = false,
}: JsonBodyOptions = {}) {
  if (!(maxBytes > 0) || !(maxDepth > 0))
    throw new Error('jsonBody: maxBytes and maxDepth must be > 0')
  return createMiddleware<AppEnv>(async function jsonBodyMiddleware(c, next) {
    const text = await readCapped(c.req.raw, maxBytes)
    if (text.trim() === '') {
      if (!allowEmpty)
        throw apiError(400, 'invalid-json', 'Send a JSON object as the request body.')
      c.set('body', {})
      return next()
    }
    const type = c.req.header('content-type') ?? ''
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw apiError(
        415,
        'unsupported-media-type',
        'Send the body with Content-Type: application/json.'
      )
    }
    if (jsonDepth(text) > maxDepth) {
      throw apiError(
        400,
        'invalid-body',
        `JSON nested deeper than ${maxDepth} levels is not accepted.`
      )
    }
    try {
      c.set('body', JSON.parse(text))
    } catch {
      throw apiError(400, 'invalid-json', 'The request body is not valid JSON.')
    }
    await next()
  })
}

/**
 * How much of an oversized body is read and thrown away before answering 413: a server that answers and closes
 * while the client is still sending makes the client's TCP stack see a reset instead of the 413. Past this, the
 * read is cancelled (a client sending megabytes to a JSON API may see a reset).
 */
export const DRAIN_BYTES = 4 * 1024 * 1024

/** Reads the rest of an oversized body (up to {@link DRAIN_BYTES} in all) so the 413 reaches the client. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number): Promise<void> {
  let total = read
  while (total <= DRAIN_BYTES) {
    const { done, value } = await reader.read()
    if (done) return
    total += value.byteLength
  }
  await reader.cancel()
}

/** Reads the body as UTF-8, stopping with 413 as soon as it passes `maxBytes`. */
async function readCapped(req: Request, maxBytes: number): Promise<string> {
  const tooBig = () =>
    apiError(413, 'body-too-large', `The request body is larger than ${maxBytes} bytes.`)
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    if (req.body && declared <= DRAIN_BYTES)
      await drain(req.body.getReader(), 0).catch(() => undefined)
    throw tooBig()
  }
  if (!req.body) return ''
  const reader = req.body.getReader()
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let text = ''
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await drain(reader, total).catch(() => undefined)
        throw tooBig()
      }
      text += decoder.decode(value, { stream: true })
    }
    return text + decoder.decode()
  } catch (err) {
    if (err instanceof TypeError)
      throw apiError(400, 'invalid-json', 'The body is not valid UTF-8.')
    throw err
  }
}

/** The maximum nesting depth of a JSON text, counted without parsing (brackets inside strings ignored). */
export function jsonDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c)
        i++ // backslash: skip the escaped character
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x7b || ch === 0x5b) max = Math.max(max, ++depth)
    else if (ch === 0x7d || ch === 0x5d) depth--
  }
  return max
}

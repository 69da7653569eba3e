/**
 * @module lib/account/api-client — fetch wrapper for the same-origin `/v1` API: bearer auth, one silent token refresh on
 * 401, and errors as ApiError with the server's code and a message a player can act on.
 */
import type { ApiErrorBody, ApiErrorCode, SessionResponse } from '@facecraft/shared/api'
import { loadSession, saveSession } from './session.ts'

/** A failed API call. `code` is the server's machine-readable code, or 'offline' when the network is down. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'offline',
    message: string,
    /** The parsed error body, e.g. a 412's `current` record. */
    readonly body: unknown = null
  ) {
    super(message)
  }
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
  /** Send the stored session's bearer token (and refresh it once on 401). */
  auth?: boolean
  headers?: Record<string, string>
}

/** Calls the API; resolves to the parsed JSON (null for 204), throws ApiError. */
export async function api<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const response = await send(path, request)
  if (response.status === 401 && request.auth && (await refreshSession())) {
    return parse<T>(await send(path, request))
  }
  return parse<T>(response)
}

async function send(path: string, { method = 'GET', body, auth, headers = {} }: ApiRequest) {
  const session = auth ? await loadSession() : null
  if (auth && !session) throw new ApiError(401, 'unauthorized', 'Sign in first.')
  const init: RequestInit = {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(session ? { Authorization: `Bearer ${session.accessToken}` } : {}),
      ...headers,
    },
    body: body === undefined ? null : JSON.stringify(body),
    cache: 'no-store',
  }
  try {
    return await fetch(path, init)
  } catch (error) {
    throw new ApiError(0, 'offline', "You're offline; try again when you're back online.", error)
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return null as T
  const text = await response.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    // A non-JSON body (e.g. an HTML error page from a proxy) falls through to the generic message below.
  }
  if (response.ok) return json as T
  const error = (json as Partial<ApiErrorBody> | null)?.error
  throw new ApiError(
    response.status,
    error?.code ?? 'internal',
    error?.message ?? `The server answered ${response.status}; try again in a minute.`,
    json
  )
}

let refreshing: Promise<boolean> | null = null

/** Trades the refresh token for a new session (deduped: concurrent 401s share one refresh). */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = await loadSession()
    if (!session) return false
    try {
      const next = await api<SessionResponse>('/v1/auth/refresh', {
        method: 'POST',
        body: { refreshToken: session.refreshToken },
      })
      await saveSession(next)
      return true
    } catch (error) {
      // A rejected refresh token means the session is over; a network failure does not.
      if (error instanceof ApiError && error.status === 401) await saveSession(null)
      return false
    }
  })().finally(() => (refreshing = null))
  return refreshing
}

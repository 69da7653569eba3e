/**
 * @module api/errors — expected failures are `apiError(...)` (an HTTPException carrying an ApiErrorCode); one
 * `onError` maps them to the JSON error body. Anything else is logged and becomes a bare 500.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorBody, ApiErrorCode, ApiIssue } from '@facecraft/shared/api'

/** Extra fields of an error body, e.g. `{ current }` on a 412 or `issues` on 'invalid-body'. */
interface ApiErrorExtra {
  issues?: ApiIssue[]
  current?: unknown
  headers?: Record<string, string>
}

/** An expected failure: status + machine-readable code + a message that says what to do. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: ApiErrorExtra = {}
  ) {
    super(status, { message })
  }
}

/** Builds an {@link ApiError}; `throw apiError(404, 'not-found', 'No character with that id.')`. */
export function apiError(
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  extra: ApiErrorExtra = {}
): ApiError {
  return new ApiError(status, code, message, extra)
}

/** The JSON body of an error. */
export function errorBody(code: ApiErrorCode, message: string, issues?: ApiIssue[]): ApiErrorBody {
  return {
    error: issues?.length ? { code, message, issues: issues.slice(0, 20) } : { code, message },
  }
}

/** The app's single error handler. Never echoes internals: unknown errors are logged (without request bodies). */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const body = { ...errorBody(err.code, err.message, err.extra.issues) }
    const full = err.extra.current === undefined ? body : { ...body, current: err.extra.current }
    return c.json(full, err.status, err.extra.headers)
  }
  if (err instanceof HTTPException) {
    // Hono's own (e.g. bodyLimit): keep the status, give it our shape.
    const status = err.status as ContentfulStatusCode
    const code: ApiErrorCode =
      status === 413 ? 'body-too-large' : status === 401 ? 'unauthorized' : 'invalid-body'
    return c.json(errorBody(code, err.message || 'Bad request.'), status)
  }
  console.error('unhandled error', c.req.method, new URL(c.req.url).pathname, err.name, err.message)
  return c.json(errorBody('internal', 'Something went wrong on our side; try again later.'), 500)
}

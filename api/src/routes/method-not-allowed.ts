/** @module routes/method-not-allowed — the 405 handler registered last on each route path. */
import { apiError } from '../errors.ts'

/** Throws 405 'method-not-allowed' naming the methods the path has. */
export const methodNotAllowed = (allowed: string) => () => {
  throw apiError(405, 'method-not-allowed', `Use ${allowed} on this path.`, {
    headers: { Allow: allowed },
  })
}

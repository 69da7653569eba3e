/**
 * @module api — the edge API's request/response types, error codes and limits (see types.ts).
 * @example
 * import type { SessionResponse, ApiErrorBody } from '@facecraft/shared/api'
 */
export type * from './types.ts'
export { API_ERROR_CODES, API_LIMITS, ID_PATTERN, MODEL_GROUPS, MODEL_VARIANTS } from './types.ts'

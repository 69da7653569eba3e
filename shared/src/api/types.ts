/**
 * @module api/types — the request and response shapes of the facecraft edge API (`/v1/*`), shared by the Worker
 * (api/) and its clients (pwa/, cli/). Isomorphic: types and constants only.
 *
 * Conventions:
 * - JSON everywhere (`Content-Type: application/json`); times are ISO-8601 UTC strings; sizes are bytes of UTF-8 JSON.
 * - Every error is an {@link ApiErrorBody} with a machine-readable {@link ApiErrorCode}; clients branch on `code`
 *   (and the HTTP status), never on `message`, which is for people.
 * - Authenticated routes take `Authorization: Bearer <accessToken>`.
 *
 * Change log (the PWA codes against this file; note every change here):
 * - v1.0: first contract.
 * - v1.1: added API_ERROR_CODES (the ApiErrorCode union as a runtime list, for the OpenAPI sync test). No change
 *   to any shape.
 * - v1.2: CharacterListResponse.skipped (optional: records the server could not read). Refresh tokens have a new
 *   opaque shape (still one string); a refresh racing another with the same token gets the same new token.
 * - v1.3 (rig v2): characters are rig v2; the server also accepts rig v1 characters (PUT) and serves stored rig v1
 *   characters and shares migrated to v2, marking them `migratedFrom: 1` (optional field). New code
 *   'unsupported-rig' (422) for a character of a rig newer than the server reads. maxTotalBytes 2 MiB (rig v2
 *   characters are ~1.6x the bytes of v1's). ModelManifestResponse.rigVersion: the rig of the characters the
 *   release's models produce (the current rig when none depends on one). GET /v1/models/manifest takes
 *   `group=` (create, refine, eval) to list only those files; ModelFile.group.
 * - v1.4: ModelFile.rigVersion (the rig each file was trained for, null when none) and ModelFile.featureVersion
 *   (the translator's input layout), from the release manifest; optional, absent from older servers.
 * - v1.5: maxTotalBytes 4 MiB: a character made from a photo carries 480 skin-detail weights (~11 KB of JSON), so
 *   200 of them and their shares passed 2 MiB. No change to any shape.
 * - v1.6: maxRecordBytes 24 KiB and maxTotalBytes 6 MiB: skin detail v4 carries 544 weights (480 fine, 64 of the mid
 *   band). Each is a multiple of 1/31 that JSON writes in up to 19 characters, so a character read from a photo
 *   with every weight off 0 is up to ~17.7 KB (v3's worst case, 16.5 KB, already passed 16 KiB). No change to any
 *   shape. Skin detail v5 (session 35) carries 608 weights (128 of the mid band): up to ~19 KB a character, so 200
 *   records and 100 live shares at their worst stay under the same limits.
 * - v1.7 (session 44): Character.detail.residual, optional: what a photo's fine detail has beyond the weights, 1,400
 *   characters of base64url (detail/residual); a server before v1.7 refuses a character that has one (422, unknown
 *   field). maxTotalBytes 7 MiB: a worst-case record is now up to ~21.4 KB (under 24 KiB), and 200 records with 100
 *   live shares at that passed 6 MiB.
 * - v1.8 (session 51): Character.detail.octave, optional and only with a residual: the photo's finest detail at
 *   twice the residual's resolution, 4,200 characters of base64url (detail/octave); a server before v1.8 refuses a
 *   character that has one (422, unknown field). The largest character an app makes (its weights at the 4 decimals
 *   the creator writes, rig/share-codec detailWeight) is then ~19.2 KB: the limits hold.
 */
import { MODEL_GROUPS, type ModelGroup } from '../ml/manifest.ts'
import type { Character } from '../rig/schema.ts'

export { MODEL_GROUPS, type ModelGroup }

/** Machine-readable error codes, with the HTTP status each comes with. */
export type ApiErrorCode =
  /** 400: the body is not JSON (or is empty where JSON is required). */
  | 'invalid-json'
  /** 400: the JSON does not match the route's schema (unknown fields, wrong types, too deep); see `issues`. */
  | 'invalid-body'
  /** 400: a query parameter or path id is malformed. */
  | 'invalid-query'
  /** 400: a header is malformed (e.g. If-Match not `"<integer>"`). */
  | 'invalid-header'
  /** 413: the request body is larger than {@link API_LIMITS}.maxBodyBytes. */
  | 'body-too-large'
  /** 415: a body was sent without `Content-Type: application/json`. */
  | 'unsupported-media-type'
  /** 422: the `character` field fails rig validation; see `issues` (paths like `character.sliders.face.x`). */
  | 'invalid-character'
  /** 422: the character was made with a rig newer than the server reads; the message says to update the app. */
  | 'unsupported-rig'
  /** 401: missing, malformed, tampered, expired or revoked access or refresh token. Sign in again / refresh. */
  | 'unauthorized'
  /** 401: wrong email or password (deliberately does not say which). */
  | 'invalid-credentials'
  /** 409: register/upgrade with an email that already has an account. */
  | 'email-taken'
  /** 409: upgrade called on an account that already has an email. */
  | 'already-upgraded'
  /** 404: no such resource for this user (another user's ids also give 404). */
  | 'not-found'
  /** 405: the path exists but not with this method. */
  | 'method-not-allowed'
  /** 412: a conditional write lost a race or a create hit an existing id; the body carries `current`. */
  | 'revision-mismatch'
  /** 413 (record too large / total bytes) or 409 (too many characters or shares). */
  | 'quota-exceeded'
  /** 429: too many sign-in/registration attempts; retry after the `Retry-After` header (seconds). */
  | 'rate-limited'
  /** 410: the share existed but has expired. */
  | 'share-expired'
  /** 503: no model release is deployed for this variant yet. */
  | 'no-model-release'
  /** 500: a bug on our side; nothing internal is ever included. */
  | 'internal'

/** Every {@link ApiErrorCode}, at run time. */
export const API_ERROR_CODES = [
  'invalid-json',
  'invalid-body',
  'invalid-query',
  'invalid-header',
  'body-too-large',
  'unsupported-media-type',
  'invalid-character',
  'unsupported-rig',
  'unauthorized',
  'invalid-credentials',
  'email-taken',
  'already-upgraded',
  'not-found',
  'method-not-allowed',
  'revision-mismatch',
  'quota-exceeded',
  'rate-limited',
  'share-expired',
  'no-model-release',
  'internal',
] as const satisfies readonly ApiErrorCode[]

/** One schema problem, e.g. `{ path: 'character.sliders.nose.width', message: 'must be in [0, 1]' }`. */
export interface ApiIssue {
  path: string
  message: string
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode
    message: string
    /** Present for 'invalid-body' and 'invalid-character': every problem found, at most 20. */
    issues?: ApiIssue[]
  }
}

/** The body of a 412 from PUT/DELETE /v1/characters/:id: the error plus the record as the server has it now. */
export interface RevisionMismatchBody extends ApiErrorBody {
  current: CharacterRecord
}

// ---------------------------------------------------------------------------------------------------------- auth

/** POST /v1/auth/register (201), /v1/auth/login (200), /v1/auth/upgrade (200, Bearer). */
export interface CredentialsBody {
  /** Trimmed and lower-cased by the server; at most 254 characters. */
  email: string
  /** {@link API_LIMITS}.minPasswordLength to maxPasswordLength characters. */
  password: string
}

/** POST /v1/auth/refresh (200) and /v1/auth/logout (204). */
export interface RefreshBody {
  refreshToken: string
}

/** The public view of an account. Never carries a password hash or salt. */
export interface ApiUser {
  /** Opaque, stable id (URL-safe). Upgrading an anonymous account keeps it. */
  id: string
  /** Lower-cased email; null for an anonymous device account. */
  email: string | null
  anonymous: boolean
}

/**
 * The response of register, login, anonymous (201), upgrade and refresh. Keep `refreshToken` secret on the device
 * (an opaque string of at most 200 characters); every refresh returns a NEW refresh token. The previous one still
 * refreshes for 30 s (to the same new token: two tabs can share one rotation); an older one gives 401 and ends the
 * session (a replay).
 */
export interface SessionResponse {
  user: ApiUser
  /** Bearer token for every authenticated route; valid for `expiresIn` seconds. */
  accessToken: string
  refreshToken: string
  /** Seconds until `accessToken` expires (15 minutes). */
  expiresIn: number
}

/** GET /v1/me. */
export interface MeResponse {
  user: ApiUser
}

// -------------------------------------------------------------------------------------------------------- models

/**
 * GET /v1/models/manifest?variant=...[&group=create,refine] : which inference backend the client will run.
 * `group` (repeatable or a comma list of {@link MODEL_GROUPS}) keeps only the files of those steps; without it
 * every file is listed (older clients).
 */
export type ModelVariant = 'webgpu' | 'wasm'
export const MODEL_VARIANTS: readonly ModelVariant[] = ['webgpu', 'wasm']

/** A model input or output: `shape` uses -1 (or a string) for dynamic dimensions, e.g. [1, 3, 128, 128]. */
export interface ModelTensorSpec {
  name: string
  shape: Array<number | string>
  /** ONNX element type, e.g. 'float32'. */
  dtype: string
}

/** One file of a release, as the client downloads it; verify `sha256` (hex) before use. */
export interface ModelFile {
  id: string
  /** Absolute path on the API origin, e.g. '/models/translator.onnx'; cache-busted by the release. */
  url: string
  sha256: string
  bytes: number
  inputs: ModelTensorSpec[]
  outputs: ModelTensorSpec[]
  /** The step that needs the file: 'create' (photo -> character), 'refine', 'eval' (evaluation only). A file the
   * release gives no group counts as 'create'. Always sent by this server (absent from servers before v1.3). */
  group?: ModelGroup
  /** The rig the file was trained for; null when it does not depend on a rig (detector, mesh, embedders). Always
   * sent by this server from v1.4 (a release entry without it counts as trained for the release's rig). */
  rigVersion?: number | null
  /** The translator's input feature layout (shared/create FEATURE_VERSION it was trained on); sent only for files
   * that have one (v1.4). */
  featureVersion?: number
}

/** GET /v1/models/manifest (200, with ETag; 304 on a matching If-None-Match). */
export interface ModelManifestResponse {
  release: string
  /**
   * The rig of the characters this release's models produce (a model trained for rig v1 makes v1 characters:
   * open them with openCharacter); the server's current rig (2) when no model of the release depends on a rig.
   */
  rigVersion: number
  variant: ModelVariant
  files: ModelFile[]
}

// ---------------------------------------------------------------------------------------------------- characters

/** A saved character as the server stores it. */
export interface CharacterRecord {
  /** Client-chosen id (e.g. a UUID made offline): 1-64 of [A-Za-z0-9_-]. */
  id: string
  /** Starts at 1; +1 on every accepted write. The GET ETag is `"<revision>"`. */
  revision: number
  /** ISO time of the last accepted write (server clock). */
  updatedAt: string
  /** 1-{@link API_LIMITS}.maxNameLength characters. */
  name: string
  /** A rig v2 character (rig v1 ones are served migrated, see `migratedFrom`). */
  character: Character
  /**
   * 1 when the stored character was made with rig v1 and `character` is its v2 migration (the stored original is
   * kept until the player saves over it); absent for v2. Clients may say so once ("updated to the new face").
   */
  migratedFrom?: 1
}

/** PUT /v1/characters/:id. No If-Match: create (201, 412 if the id exists). If-Match: "<revision>": update (200). */
export interface PutCharacterBody {
  name: string
  /** Rig v2; a rig v1 character (an older app) is accepted, stored migrated, and answered with `migratedFrom: 1`. */
  character: Character
}

/** A deleted character, reported by delta sync so other devices delete it too. */
export interface Tombstone {
  id: string
  /** The revision the delete produced (last revision + 1). */
  revision: number
  deletedAt: string
}

/**
 * GET /v1/characters?since=CURSOR[&limit=N]. Without `since`: everything (items; tombstones too). With it: only
 * what changed after that cursor. Store `cursor` and pass it next time; while `more` is true, call again at once.
 */
export interface CharacterListResponse {
  items: CharacterRecord[]
  tombstones: Tombstone[]
  /** Opaque; pass back as `since`. */
  cursor: string
  /** True when the page was cut at `limit`: fetch again with the new cursor. */
  more: boolean
  /** Present when some of this page's records could not be read on the server (damaged storage): how many. */
  skipped?: number
}

// -------------------------------------------------------------------------------------------------------- shares

/** POST /v1/shares (Bearer). A share is a read-only snapshot of the character at the time it was made. */
export interface CreateShareBody {
  characterId: string
  /** 1-365; omitted: the share never expires. */
  expiresInDays?: number
}

/** The 201 response of POST /v1/shares. */
export interface ShareCreatedResponse {
  /** Short URL-safe id (12 characters). */
  id: string
  /** Absolute link to open the share in the app, e.g. 'https://app.example/s/AbC123xyz789'. */
  url: string
  expiresAt: string | null
}

/** GET /v1/shares/:id (no auth). 410 'share-expired' after expiry. */
export interface SharedCharacterResponse {
  name: string
  /** Rig v2 (a share made under rig v1 is served migrated, with `migratedFrom: 1`). */
  character: Character
  createdAt: string
  expiresAt: string | null
  migratedFrom?: 1
}

// -------------------------------------------------------------------------------------------------------- limits

/** Limits the server enforces; clients may check them first to give a nicer message. */
export const API_LIMITS = Object.freeze({
  /** Largest accepted request body, bytes. */
  maxBodyBytes: 32 * 1024,
  /** Deepest accepted JSON nesting (objects/arrays). */
  maxJsonDepth: 8,
  /** Characters per account (409 'quota-exceeded' past it). */
  maxCharacters: 200,
  /** Bytes of one stored record (413 'quota-exceeded'). */
  maxRecordBytes: 24 * 1024,
  /** Bytes of all of an account's records together (413 'quota-exceeded'). */
  maxTotalBytes: 7 * 1024 * 1024,
  /** Shares per account. */
  maxShares: 100,
  maxNameLength: 64,
  maxEmailLength: 254,
  minPasswordLength: 10,
  maxPasswordLength: 256,
  maxShareDays: 365,
  /** Largest `limit` of one character list page (and the default). */
  maxListPage: 100,
  /** Access-token lifetime, seconds. */
  accessTokenSeconds: 15 * 60,
  /** Refresh-token lifetime, seconds (each refresh starts a new one). */
  refreshTokenSeconds: 30 * 24 * 3600,
})

/** Character and share ids: 1-64 URL-safe characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

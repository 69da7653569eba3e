/** @module api/env — the Worker's bindings (wrangler.toml) and per-request variables. */
import type { EmailClaim } from './store/email-claim.ts'
import type { RateLimiter } from './store/rate-limiter.ts'
import type { UserIndex } from './store/user-index.ts'

/** Bindings configured in wrangler.toml, `.dev.vars` (local) and `wrangler secret put` (deployed). */
export interface Env {
  /** Accounts, sessions, rate-limit windows, character bodies, shares, the model rollout config. */
  DATA: KVNamespace
  /** One Durable Object per user: serialises character writes and holds the revision index. */
  USER_INDEX: DurableObjectNamespace<UserIndex>
  /** One Durable Object per rate-limit key (strongly consistent counters). */
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>
  /** One Durable Object per normalised-email hash: which account owns the email (atomic claims). */
  EMAIL_CLAIM: DurableObjectNamespace<EmailClaim>
  /** The built PWA (pwa/dist). */
  ASSETS: Fetcher
  /**
   * R2 bucket of the model releases (`models/...`) and onnxruntime-web's WebGPU runtime (`ort/<version>/...`),
   * files too large for static assets; uploaded by scripts/seed-files.mjs. Optional so a Worker deployed without
   * it answers a clear 503 on those paths instead of failing to start.
   */
  FILES?: R2Bucket
  /** HMAC-SHA256 key for access tokens: at least 32 characters. A Worker secret; `.dev.vars` locally. */
  TOKEN_SECRET: string
  /** The app's origin, e.g. 'https://facecraft.example': the only CORS origin and the base of share links. */
  APP_ORIGIN: string
  /** Sign-in attempts per account per minute, across all IPs (default 10); per IP: 5x this. */
  SIGNIN_LIMIT_PER_MINUTE?: string
  /** Registrations (and anonymous accounts) per client IP per minute (default 20). */
  REGISTER_LIMIT_PER_MINUTE?: string
  /** Anonymous accounts per client IP per hour (default 60). */
  ANONYMOUS_LIMIT_PER_HOUR?: string
  /** Refreshes per client IP per minute (default 120; per session the UserIndex allows 30). */
  REFRESH_LIMIT_PER_MINUTE?: string
  /** Character writes (PUT, DELETE) per account per minute (default 600). */
  WRITE_LIMIT_PER_MINUTE?: string
  /** Idle seconds after which an anonymous account and its data are deleted (default 180 days). */
  ANONYMOUS_IDLE_SECONDS?: string
  /** PBKDF2 iterations for new password hashes (default and maximum 100000, the workerd cap). */
  PBKDF2_ITERATIONS?: string
  /** New share-code preview images (/s/preview/<code>.png renders) per client IP per minute (default 30). */
  CODE_PREVIEWS_PER_MINUTE?: string
  /** Bytes of one stored character record (default and maximum API_LIMITS.maxRecordBytes). */
  MAX_RECORD_BYTES?: string
  /** Bytes of all of a user's records together (default and maximum API_LIMITS.maxTotalBytes). */
  MAX_TOTAL_BYTES?: string
}

/** The signed-in user, set by the auth middleware. */
export interface AuthContext {
  userId: string
  sessionId: string
  /** When the access token was issued, seconds since the epoch (revocation compares it with sign-out times). */
  issuedAt: number
}

/** Per-request variables (`c.get(...)`). */
export interface Vars {
  auth: AuthContext
  /** The parsed, depth- and size-checked JSON body, set by the json-body middleware. */
  body: unknown
}

/** The Hono environment type every router uses. */
export interface AppEnv {
  Bindings: Env
  Variables: Vars
}

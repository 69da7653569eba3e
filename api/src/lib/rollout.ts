/**
 * @module lib/rollout — which model release a client gets. The release built with the app is served from
 * /models/manifest.json; other kept releases from /models/releases/<release>/manifest.json. KV key
 * `config:models` (no deploy needed to change it) may pin one release for everyone (rollback) or send a
 * stable percentage of users to a candidate release:
 *   { "pinned": "2025-10-01" }   or   { "candidate": { "release": "2025-11-02", "percent": 10 } }
 */

/** The KV key of the rollout configuration. */
export const ROLLOUT_KEY = 'config:models'
/** A release name is one path segment: starts with a letter or digit, so never `.`, `..` or a hidden name. */
const RELEASE = /^[A-Za-z0-9][\w.-]{0,63}$/

export interface RolloutConfig {
  pinned?: string
  candidate?: { release: string; percent: number }
}

/** True when `name` can name a release directory (no `.`, `..`, `..x..` or separators). */
export const isReleaseName = (name: string): boolean => RELEASE.test(name) && !name.includes('..')

/** Parses the stored config; a malformed one is ignored (logged), so a typo serves the bundled release. */
export function parseRollout(text: string | null): RolloutConfig {
  if (!text) return {}
  try {
    const v = JSON.parse(text) as RolloutConfig
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object')
    const okPinned =
      v.pinned === undefined || (typeof v.pinned === 'string' && isReleaseName(v.pinned))
    const cand = v.candidate
    const okCandidate =
      cand === undefined ||
      (typeof cand.release === 'string' &&
        isReleaseName(cand.release) &&
        typeof cand.percent === 'number' &&
        cand.percent >= 0 &&
        cand.percent <= 100)
    if (okPinned && okCandidate) return v
  } catch {
    // fall through
  }
  console.error(`ignoring malformed ${ROLLOUT_KEY}; serving the bundled release`)
  return {}
}

/** A stable bucket 0-99 for a client key (FNV-1a), so a user stays on one side of a staged rollout. */
export function bucketOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) % 100
}

/** The release to serve (null = the bundled one). */
export function chooseRelease(config: RolloutConfig, clientKey: string): string | null {
  if (config.pinned) return config.pinned
  const c = config.candidate
  if (c && bucketOf(clientKey) < c.percent) return c.release
  return null
}

/** Where a release's manifest lives among the static assets. */
export const manifestPath = (release: string | null) =>
  release ? `/models/releases/${release}/manifest.json` : '/models/manifest.json'

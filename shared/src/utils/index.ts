/** @module utils — dependency-free helpers; imports nothing else of ours. */
export { createRng, gaussian, type Rng } from './random.ts'
export { crc32 } from './crc32.ts'
export { toBase64Url, fromBase64Url } from './base64url.ts'

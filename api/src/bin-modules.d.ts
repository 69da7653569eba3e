/** @file Modules wrangler bundles as data: `.bin` files load as an ArrayBuffer (its default Data rule). */

/** Engine v2's head asset pack (share-page/head-pack.ts). */
declare module '@facecraft/shared/assets/head-v2.bin' {
  const bytes: ArrayBuffer
  export default bytes
}

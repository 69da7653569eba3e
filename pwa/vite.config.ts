/**
 * @file Vite build of the PWA: Preact, the service worker (workbox via vite-plugin-pwa). The released models and
 * the WebGPU runtime are not part of it: the Worker serves them from R2 (api/src/routes/files.ts).
 */
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

/** The ONNX Runtime wasm is ~14 MB; workbox skips anything larger than this, which would break offline use. */
const MAX_PRECACHE_BYTES = 64 * 1024 * 1024
/**
 * onnxruntime-web's WebGPU build WITHOUT its wasm bundled in (the `onnxruntime-web-use-extern-wasm` file of
 * `onnxruntime-web/webgpu`): it imports its runtime (.mjs + 27 MB .wasm) from `env.wasm.wasmPaths`, which
 * shared/src/ml/backend/onnx.ts points at the Worker's R2 route /ort/<version>/. The bundled variant would make
 * Vite emit the 27 MB wasm into dist, which Workers static assets refuse.
 */
const ORT_WEBGPU_EXTERN = fileURLToPath(
  new URL('../node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs', import.meta.url)
)

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'facecraft: your face, game-ready',
        short_name: 'facecraft',
        description:
          'Make a game character from sliders (and soon from a selfie), offline, and share it.',
        theme_color: '#1d1b2e',
        background_color: '#1d1b2e',
        display: 'standalone',
        orientation: 'portrait',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // .bin: engine v2's head pack (~4 MB raw), which every render needs: precached so the editor works offline.
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest,wasm,onnx,bin}'],
        // Released models are NOT precached: the model store downloads them on demand, verifies their sha256
        // and keeps the old release until a new one is verified (see src/features/photo/model-store.ts).
        globIgnores: ['models/**'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHE_BYTES,
        navigateFallback: '/index.html',
        // The API, the model files and the WebGPU runtime are never answered by the app shell.
        navigateFallbackDenylist: [/^\/v1\//, /^\/models\//, /^\/ort\//],
        cleanupOutdatedCaches: true,
        // The WebGPU runtime (27 MB, versioned path, immutable) is kept once fetched, so a device that chose
        // WebGPU still creates offline; never fetched on a WASM-only device (src/lib/backend.ts).
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/ort/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'facecraft-ort-webgpu',
              expiration: { maxEntries: 4 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  resolve: {
    alias: [
      // ONNX Runtime's WASM-only build (14 MB wasm). Its WebGPU builds carry a 27-28 MB wasm, over the 25 MiB
      // per-file limit of Workers static assets, so `wrangler dev`/deploy would refuse the whole app.
      { find: /^#onnxruntime$/, replacement: 'onnxruntime-web/wasm' },
      { find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' },
      // The WebGPU build, loaded only when the WebGPU backend is chosen; its wasm comes from R2 (see above).
      { find: /^onnxruntime-web\/webgpu$/, replacement: ORT_WEBGPU_EXTERN },
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', manifest: true, sourcemap: false },
})

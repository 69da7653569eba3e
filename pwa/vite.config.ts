/** @file Vite build of the PWA: Preact, the service worker (workbox via vite-plugin-pwa), released models copied in. */
import { cpSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const MODELS_RELEASE = fileURLToPath(new URL('../models/release', import.meta.url))
/** The ONNX Runtime wasm is ~14-28 MB; workbox skips anything larger than this, which would break offline use. */
const MAX_PRECACHE_BYTES = 64 * 1024 * 1024

/** Copies models/release/ into dist/models/ so the Worker serves them as static assets beside the app. */
function copyModels(): Plugin {
  return {
    name: 'facecraft-copy-models',
    apply: 'build',
    writeBundle(options) {
      if (!options.dir || !existsSync(MODELS_RELEASE)) return
      cpSync(MODELS_RELEASE, `${options.dir}/models`, { recursive: true })
    },
  }
}

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
        // The API and the model files are never answered by the app shell.
        navigateFallbackDenylist: [/^\/v1\//, /^\/models\//],
        cleanupOutdatedCaches: true,
      },
    }),
    copyModels(),
  ],
  resolve: {
    alias: [
      // ONNX Runtime's WASM-only build (14 MB wasm). Its WebGPU builds carry a 27-28 MB wasm, over the 25 MiB
      // per-file limit of Workers static assets, so `wrangler dev`/deploy would refuse the whole app.
      { find: /^#onnxruntime$/, replacement: 'onnxruntime-web/wasm' },
      { find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' },
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', manifest: true, sourcemap: false },
})

/**
 * @module dataset/bundle — the dataset generator as two plain JavaScript files (models/dist/generate.js and
 * worker.js), for a machine that has Node but no npm install: a rented GPU box that makes its own dataset, since a
 * 20,000-sample dataset (1.4 GB) is far larger than what travels to it. Everything of ours is inlined (the engine,
 * the rig, the face pipeline); onnxruntime-node stays external and is resolved from node_modules there, and the
 * head pack and the face models are read from the repository's files (shared/assets, models/release) at run time.
 * @example
 * node models/dataset/bundle.mjs && node "$PWD/models/dist/generate.js" --out .work/dataset --count 20000   # same options as generate.ts
 */
import { build } from 'esbuild'

const dist = new URL('../dist/', import.meta.url)
await build({
  entryPoints: ['generate.ts', 'worker.ts'].map((f) => new URL(f, import.meta.url).pathname),
  outdir: dist.pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['onnxruntime-node', 'onnxruntime-web', 'tsx'],
  // shared's `#onnxruntime` (its package.json "imports") is onnxruntime-node in Node: keep it a bare import
  plugins: [
    {
      name: 'onnxruntime-external',
      setup: (b) =>
        b.onResolve({ filter: /^#onnxruntime$/ }, () => ({
          path: 'onnxruntime-node',
          external: true,
        })),
    },
  ],
  logLevel: 'warning',
})
console.log(`dataset generator bundled into ${dist.pathname} (generate.js, worker.js)`)

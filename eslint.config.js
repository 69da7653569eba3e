// @ts-check
/** @file One linter for the whole repo; the import rules enforce the dependency direction of DESIGN.md. */
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'url',
  'zlib',
  'stream',
  'util',
  'buffer',
  'worker_threads',
]
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.wrangler/**',
      'models/release/**',
      'models/.work/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts', 'shared/src/ml/backend/**'],
    rules: restrict(
      [
        '@facecraft/api*',
        '@facecraft/pwa*',
        '@facecraft/models*',
        '@facecraft/cli*',
        '**/api/src/**',
        '**/pwa/src/**',
        'onnxruntime-*',
        ...NODE_BUILTINS,
      ],
      'shared/ is isomorphic and depends on nothing of ours: no app imports, no Node built-ins, onnxruntime only via shared/src/ml/backend/onnx.ts.'
    ),
  },
  {
    // The face module reads the canonical frame as data (canonical-frame.json); importing the engine would bundle
    // it into the inference worker. Tests may import it (the frame test compares with the engine's mean face).
    files: ['shared/src/face/**/*.ts'],
    ignores: ['shared/src/face/**/*.test.ts'],
    rules: restrict(
      [
        '@facecraft/api*',
        '@facecraft/pwa*',
        '@facecraft/models*',
        '@facecraft/cli*',
        '**/api/src/**',
        '**/pwa/src/**',
        'onnxruntime-*',
        ...NODE_BUILTINS,
        '**/engine/**',
        '**/engine',
        '@facecraft/shared/engine',
      ],
      'shared/src/face must not import the engine (shared/src/engine): the canonical frame is data (canonical-frame.json), and the inference worker must not bundle the engine. Plus the shared/ rules: no app imports, no Node built-ins, onnxruntime only via ml/backend.'
    ),
  },
  {
    // CharacterCreator stands the imitator in for the engine (DESIGN.md): the create module and the worker that
    // runs it must not bundle the engine. Tests may import it (they render characters to check the loop).
    files: ['shared/src/create/**/*.ts'],
    ignores: ['shared/src/create/**/*.test.ts'],
    rules: restrict(
      [
        '@facecraft/api*',
        '@facecraft/pwa*',
        '@facecraft/models*',
        '@facecraft/cli*',
        '**/api/src/**',
        '**/pwa/src/**',
        'onnxruntime-*',
        ...NODE_BUILTINS,
        '**/engine/**',
        '**/engine',
        '@facecraft/shared/engine*',
      ],
      'shared/src/create must not import the engine (shared/src/engine): the imitator stands in for it, and the inference worker must not bundle the engine. Plus the shared/ rules: no app imports, no Node built-ins, onnxruntime only via ml/backend.'
    ),
  },
  {
    files: ['api/src/**/*.ts', 'pwa/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      ['@facecraft/models*', '@facecraft/cli*', '**/models/**', '**/cli/src/**', 'onnxruntime-*'],
      'Apps depend only on @facecraft/shared; onnxruntime is owned by shared/src/ml/backend/onnx.ts.'
    ),
  },
  {
    // pwa/src/lib holds capabilities (store, sync, account, editor, app) that screens and features build on; it must
    // not reach back up into them (a cycle would make the lib untestable alone and bundle UI into workers).
    files: ['pwa/src/lib/**/*.{ts,tsx}'],
    rules: restrict(
      [
        '@facecraft/models*',
        '@facecraft/cli*',
        '**/models/**',
        '**/cli/src/**',
        'onnxruntime-*',
        '**/features/**',
        '**/components/**',
      ],
      'pwa/src/lib must not import features/ or components/ (dependencies point lib <- features <- components); plus the app rules: only @facecraft/shared, onnxruntime only via shared/src/ml/backend.'
    ),
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        fetch: 'readonly',
      },
    },
  }
)

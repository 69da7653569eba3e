#!/usr/bin/env node
/**
 * @file Runs the Python tests (models/tests) with Debian's /usr/bin/python3 and maps pytest's exit codes to a clear
 * result: 0 passes; 5 (no tests collected) FAILS, since this suite must always run tests; others fail with the reason.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const PYTHON = '/usr/bin/python3'
const REASONS = {
  1: 'some tests failed',
  2: 'interrupted',
  3: 'internal pytest error',
  4: 'pytest usage error',
  5: 'no tests were collected (the suite must never be empty)',
}

const probe = spawnSync(PYTHON, ['-c', 'import pytest, torch, onnx, numpy'], { encoding: 'utf8' })
if (!existsSync(PYTHON) || probe.status !== 0) {
  console.error(
    `models: ${PYTHON} lacks pytest/torch/onnx/numpy. Run \`node scripts/setup-system.mjs\` as root ` +
      '(installs python3-pytest python3-torch python3-onnx python3-numpy libopenblas0).'
  )
  process.exit(1)
}
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' }
const run = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], {
  stdio: 'inherit',
  env,
})
const code = run.status ?? 1
if (code !== 0)
  console.error(`models: pytest exited ${code}: ${REASONS[code] ?? 'unknown failure'}`)
process.exit(code === 0 ? 0 : 1)

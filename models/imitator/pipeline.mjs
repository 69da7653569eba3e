#!/usr/bin/env node
/**
 * @file One command for an engine and rig (default: rig v2, the product): dataset -> training -> export (each
 * step resumes where it stopped). Folders are named by the rig version, so a new rig starts fresh and an old
 * one's runs stay.
 *
 *   npm run imitator -w @facecraft/models -- [--rig 2] [--count 20000] [--seed 1] [--workers N]
 *       [--config imitator/configs/v2.py] [--release DIR] [-- --key=value train flags]
 */
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rig: { type: 'string', default: '2' },
    count: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '2' },
    config: { type: 'string' },
    release: { type: 'string' },
  },
})
const PYTHON = '/usr/bin/python3'
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' }

/** Runs a step with inherited output; stops the pipeline with the step's name when it fails. */
function step(name, command, args) {
  console.error(`\n== imitator pipeline: ${name}`)
  const run = spawnSync(command, args, { stdio: 'inherit', env })
  if (run.status !== 0) {
    console.error(
      `imitator pipeline: ${name} failed (exit ${run.status}); fix it and rerun: steps resume.`
    )
    process.exit(1)
  }
}

const rig = values.rig
if (!['1', '2'].includes(rig)) throw new Error(`--rig must be 1 or 2, got ${rig}`)
const config =
  values.config ?? (rig === '1' ? 'imitator/configs/v1-proof.py' : 'imitator/configs/v2.py')
const dataset = `.work/dataset-rig${rig}-s${values.seed}`
const run = `.work/imitator-rig${rig}`
step(`dataset (rig v${rig}) -> ${dataset}`, 'npx', [
  'tsx',
  'dataset/generate.ts',
  `--out=${dataset}`,
  `--rig=${rig}`,
  `--count=${values.count}`,
  `--seed=${values.seed}`,
  `--workers=${values.workers}`,
])
step(`train -> ${run}`, 'nice', [
  '-n',
  '10',
  PYTHON,
  '-m',
  'imitator.train',
  config,
  `--dataset=${dataset}`,
  `--out_dir=${run}`,
  ...positionals,
])
step('export', PYTHON, [
  '-m',
  'imitator.export',
  `--ckpt=${run}/ckpt.pt`,
  ...(values.release ? [`--release=${values.release}`] : []),
])

#!/usr/bin/env node
/**
 * @file One command for the current engine and rig: dataset -> training -> export (each step resumes where it
 * stopped). Folders are named by the rig version, so a new rig starts fresh and an old one's runs stay.
 *
 *   npm run imitator -w @facecraft/models -- [--count 50000] [--seed 1] [--workers N]
 *       [--config imitator/configs/v1-proof.py] [--release DIR] [-- --key=value train flags]
 */
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '2' },
    config: { type: 'string', default: 'imitator/configs/v1-proof.py' },
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

const probe = spawnSync(
  'npx',
  ['tsx', '--eval', "import('@facecraft/shared/rig').then((r) => console.log(r.RIG_VERSION))"],
  { encoding: 'utf8', env }
)
const rig = probe.stdout.trim().split('\n').at(-1)
if (probe.status !== 0 || !rig) throw new Error(`could not read the rig version: ${probe.stderr}`)
const dataset = `.work/dataset-rig${rig}-s${values.seed}`
const run = `.work/imitator-rig${rig}`
step(`dataset (rig v${rig}) -> ${dataset}`, 'npx', [
  'tsx',
  'dataset/generate.ts',
  `--out=${dataset}`,
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
  values.config,
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

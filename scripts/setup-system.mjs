#!/usr/bin/env node
/**
 * @file Installs the Debian packages the tests need (Chromium for browser tests, Python with torch and onnx for the
 * model pipeline) when they are missing. Runs as root on CI and fresh machines; elsewhere it says what to run.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Debian package -> how to tell it is already there. */
const NEEDS = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'python3-torch', present: () => pythonHas('torch') },
  { pkg: 'python3-onnx', present: () => pythonHas('onnx') },
  { pkg: 'python3-numpy', present: () => pythonHas('numpy') },
  { pkg: 'libopenblas0', present: () => dpkgHas('libopenblas0') },
  { pkg: 'python3-pytest', present: () => pythonHas('pytest') },
]

function pythonHas(module) {
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0
}

function dpkgHas(pkg) {
  return spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0
}

const missing = NEEDS.filter((n) => !n.present()).map((n) => n.pkg)
if (missing.length === 0) process.exit(0)

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`
if (process.getuid?.() !== 0) {
  console.error(
    `facecraft set-up: missing Debian packages: ${missing.join(', ')}.\nRun as root: ${command}`
  )
  process.exit(1)
}
console.error(`facecraft set-up: installing ${missing.join(', ')} (one-time, a few minutes)...`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
})

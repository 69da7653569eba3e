#!/usr/bin/env node
/** @file Type-checks every workspace's tsconfig*.json (each has its own lib/types: shared sees no DOM or Node). */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const roots = ['shared', 'api', 'pwa', 'models', 'cli', 'test']
const projects = roots.flatMap((dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^tsconfig(\.[\w-]+)?\.json$/.test(f))
        .map((f) => join(dir, f))
    : []
)
let failed = 0
for (const project of projects) {
  const result = spawnSync('npx', ['tsc', '-p', project, '--noEmit'], { stdio: 'inherit' })
  if (result.status !== 0) failed++
  console.log(`typecheck ${project}: ${result.status === 0 ? 'ok' : 'FAILED'}`)
}
process.exit(failed ? 1 : 0)

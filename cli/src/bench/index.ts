/** @module cli/bench — the benchmark suites (`facecraft bench SUITE`). Add a suite by adding its file here. */
import type { Suite } from '../suite.ts'
import { faceBench } from './face.ts'
import { apiBench } from './api.ts'
import { pwaBench } from './pwa.ts'
import { engineBench } from './engine.ts'
import { engine2Bench } from './engine2.ts'
import { refineBench } from './refine.ts'
import { createBench } from './create.ts'

export const BENCH_SUITES: readonly Suite[] = [
  apiBench,
  createBench,
  engineBench,
  engine2Bench,
  faceBench,
  pwaBench,
  refineBench,
]

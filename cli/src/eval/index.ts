/** @module cli/eval — the quality suites (`facecraft eval SUITE`). Add a suite by adding its file here. */
import type { Suite } from '../suite.ts'
import { apiSecurityEval } from './api-security/index.ts'
import { compareEval } from './compare.ts'
import { engineEval } from './engine.ts'
import { engine2Eval } from './engine2.ts'
import { imitatorEval } from './imitator.ts'
import { likenessEval } from './likeness.ts'
import { reachEval } from './reach.ts'
import { recognizersEval } from './recognizers.ts'
import { verifyEval } from './verify.ts'

export const EVAL_SUITES: readonly Suite[] = [
  engineEval,
  engine2Eval,
  apiSecurityEval,
  imitatorEval,
  likenessEval,
  compareEval,
  reachEval,
  recognizersEval,
  verifyEval,
]

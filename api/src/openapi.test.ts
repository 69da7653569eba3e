/** @file Keeps api/openapi.json in sync with the routes the app really registers and with the error codes. */
import { describe, expect, expectTypeOf, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { API_ERROR_CODES, type ApiErrorCode } from '@facecraft/shared/api'
import { createApp } from './app.ts'

const doc = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'))
const METHODS = ['get', 'put', 'post', 'delete']

describe('openapi.json', () => {
  it('documents exactly the routes the app serves', () => {
    const served = new Set(
      createApp()
        .routes.filter((r) => METHODS.includes(r.method.toLowerCase()) && r.path.startsWith('/v1/'))
        .map(
          (r) => `${r.method.toLowerCase()} ${r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`
        )
    )
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m} ${path}`)
      )
    )
    expect([...documented].sort()).toEqual([...served].sort())
  })

  it('lists every error code, and only those', () => {
    expect(doc.components.schemas.ErrorCode.enum).toEqual([...API_ERROR_CODES])
    expectTypeOf<(typeof API_ERROR_CODES)[number]>().toEqualTypeOf<ApiErrorCode>()
  })

  it('resolves every $ref', () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/(\w+)"/g) ?? []
    for (const ref of refs) {
      const name = ref.slice(ref.lastIndexOf('/') + 1, -1)
      expect(doc.components.schemas[name], ref).toBeDefined()
    }
  })
})

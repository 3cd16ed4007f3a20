// Builds a real app on a fresh SQLite file in a temporary folder, and a supertest agent over its server.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import supertest from 'supertest'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'

export interface TestApp {
  app: FastifyInstance
  http: ReturnType<typeof supertest>
  config: Config
  directory: string
  close: () => Promise<void>
}

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef'

/** Environment for tests: a temp database, silent logs, roomy limits and no load shedding unless a test sets its own. */
export function testEnv (directory: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_PATH: join(directory, 'promptshelf.db'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ANON_MAX: '100000',
    RATE_LIMIT_KEY_MAX: '100000',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    // Shedding off: a busy test machine lags the loop, and other tests would get 503s. test/plugins/overload.test.ts tests it.
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env
  }
}

export async function buildTestApp (env: Record<string, string> = {}, directory = mkdtempSync(join(tmpdir(), 'promptshelf-test-'))): Promise<TestApp> {
  const config = loadConfig(testEnv(directory, env))
  const app = await buildApp(config)
  await app.ready()
  return {
    app,
    http: supertest(app.server),
    config,
    directory,
    close: async () => {
      await app.close()
      rmSync(directory, { recursive: true, force: true })
    }
  }
}

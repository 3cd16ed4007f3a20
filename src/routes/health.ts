// GET /healthz (the process is up) and GET /readyz (the database is open and migrated).
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { DomainError } from '../domain/errors.js'
import { journalMigrationCount } from '../db/migration-journal.js'
import { migrationsCheck } from '../db/open.js'
import { problemResponses } from '../schemas/problem.js'

const Status = Type.Object({ status: Type.String({ maxLength: 20, examples: ['ok'] }) })

export default async function healthRoutes (app: FastifyInstance): Promise<void> {
  const migrated = migrationsCheck(app.library.store.sqlite, journalMigrationCount())

  app.get('/healthz', {
    config: { rateLimit: false },
    schema: {
      tags: ['health'],
      operationId: 'getLiveness',
      summary: 'Liveness',
      description: 'ok while the process is up. Public, never rate limited.',
      security: [],
      response: { 200: Status }
    }
  }, async () => ({ status: 'ok' }))

  app.get('/readyz', {
    config: { rateLimit: false },
    schema: {
      tags: ['health'],
      operationId: 'getReadiness',
      summary: 'Readiness',
      description: 'ok when the database is open and every migration is applied. Public, never rate limited.',
      security: [],
      response: { 200: Status, ...problemResponses(503) }
    }
  }, async () => {
    let ready = false
    try {
      ready = migrated()
    } catch {
      ready = false
    }
    if (!ready) throw new DomainError(503, 'Service Unavailable', 'the database is not open or not migrated')
    return { status: 'ok' }
  })
}

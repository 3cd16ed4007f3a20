// The read service as app.reader: every read route asks it.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { PromptReader } from '../services/prompt-reader.js'

declare module 'fastify' {
  interface FastifyInstance {
    reader: PromptReader
  }
}

async function reading (app: FastifyInstance): Promise<void> {
  app.decorate('reader', new PromptReader(app.library, app.promptSearch, app.renderCounter, app.labels))
}

export default fp(reading, { name: 'reading', dependencies: ['library', 'rendering', 'prompt-search', 'labels'] })

// The render service as app.renderer, and its render counter as app.renderCounter. Counts are flushed
// to the database every few seconds and once more when the app closes, before the database is closed.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { RenderRepository } from '../repositories/render-repository.js'
import { RenderCounter } from '../services/render-counter.js'
import { RenderService } from '../services/render-service.js'

declare module 'fastify' {
  interface FastifyInstance {
    renderer: RenderService
    renderCounter: RenderCounter
  }
}

export interface RenderingOptions {
  flushIntervalMs?: number
}

async function rendering (app: FastifyInstance, { flushIntervalMs = 5000 }: RenderingOptions): Promise<void> {
  const repository = new RenderRepository(app.library.store.sqlite)
  const counter = new RenderCounter((deltas) => repository.addRenderCounts(deltas))
  app.decorate('renderCounter', counter)
  app.decorate('renderer', new RenderService(repository, counter, () => app.library.generation()))

  const flush = (): void => {
    try {
      counter.flush()
    } catch (error) {
      app.log.warn({ err: error }, 'render counts not written yet; they stay pending for the next flush')
    }
  }
  const timer = setInterval(flush, flushIntervalMs)
  timer.unref()
  // Registered after the library plugin, so this hook runs before the one that closes the database.
  app.addHook('onClose', async () => {
    clearInterval(timer)
    flush()
  })
}

export default fp(rendering, { name: 'rendering', dependencies: ['library'] })

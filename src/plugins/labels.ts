// Makes the label service available as app.labels.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { LabelService } from '../services/label-service.js'

declare module 'fastify' {
  interface FastifyInstance {
    labels: LabelService
  }
}

async function labelsPlugin (app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  app.decorate('labels', new LabelService(app.library, config.protectedLabels))
}

export default fp(labelsPlugin, { name: 'labels', dependencies: ['library'] })

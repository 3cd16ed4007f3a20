// Makes the API key service available as app.keys; the auth plugin resolves presented secrets through it.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { KeyRepository } from '../repositories/key-repository.js'
import { KeyService } from '../services/key-service.js'

declare module 'fastify' {
  interface FastifyInstance {
    keys: KeyService
  }
}

async function keysPlugin (app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const repository = new KeyRepository(app.library.store.sqlite)
  const defaults = { max: config.rateLimit.keyMax, windowSeconds: config.rateLimit.windowSeconds }
  app.decorate('keys', new KeyService(repository, defaults, () => app.library.generation()))
}

export default fp(keysPlugin, { name: 'keys', dependencies: ['library'] })

// Makes the prompt store available to routes as app.library, and closes it with the app.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Store } from '../db/open.js'
import { Library } from '../services/library.js'

declare module 'fastify' {
  interface FastifyInstance {
    library: Library
  }
}

async function libraryPlugin (app: FastifyInstance, { store }: { store: Store }): Promise<void> {
  app.decorate('library', new Library(store))
  app.addHook('onClose', async () => {
    if (store.sqlite.open) store.sqlite.close()
  })
}

export default fp(libraryPlugin, { name: 'library' })

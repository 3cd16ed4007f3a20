// Makes the search service available to routes as app.promptSearch (Fastify already has app.search, the SEARCH method).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { SearchService } from '../services/search-service.js'

declare module 'fastify' {
  interface FastifyInstance {
    promptSearch: SearchService
  }
}

async function searchPlugin (app: FastifyInstance): Promise<void> {
  app.decorate('promptSearch', new SearchService(app.library))
}

export default fp(searchPlugin, { name: 'prompt-search', dependencies: ['library'] })

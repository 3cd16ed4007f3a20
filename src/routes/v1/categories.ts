// GET /v1/categories and GET /v1/tags.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { CategoryListSchema, TagListSchema } from '../../schemas/category.js'
import { problemResponses } from '../../schemas/problem.js'
import { cachedRead, sendJson } from '../send-cached-json.js'

export default async function categoryRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { library } = app

  routes.get('/categories', {
    schema: {
      tags: ['categories'],
      operationId: 'listCategories',
      summary: 'List categories',
      description: 'Every category in document order; promptCount includes the categories below it.',
      response: { 200: CategoryListSchema, ...problemResponses(400) }
    }
  }, async (_request, reply) => sendJson(reply, cachedRead(library, reply, 'categories', () => {
    const direct = library.categories.directPromptCounts()
    return {
      value: {
        items: library.categoryTree.nodes.map((node) => ({
          slug: node.slug,
          name: node.name,
          parent: node.parentSlug,
          promptCount: node.subtreeIds.reduce((sum, id) => sum + (direct.get(id) ?? 0), 0)
        }))
      }
    }
  }).body))

  routes.get('/tags', {
    schema: {
      tags: ['categories'],
      operationId: 'listTags',
      summary: 'List tags',
      description: 'Every tag on a live prompt, most used first.',
      response: { 200: TagListSchema, ...problemResponses(400) }
    }
  }, async (_request, reply) => sendJson(reply, cachedRead(library, reply, 'tags', () => ({ value: { items: library.prompts.tagCounts() } })).body))
}

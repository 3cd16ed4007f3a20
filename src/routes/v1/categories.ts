// GET /v1/categories and GET /v1/tags.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { CategoryListSchema, TagListSchema } from '../../schemas/category.js'
import { problemResponses } from '../../schemas/problem.js'
import { sendSerializedOnce } from '../serialized-once.js'

export default async function categoryRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { reader } = app

  routes.get('/categories', {
    schema: {
      tags: ['categories'],
      operationId: 'listCategories',
      summary: 'List categories',
      description: 'Every category in document order; promptCount includes the categories below it.',
      response: { 200: CategoryListSchema, ...problemResponses(400) }
    }
  }, async (_request, reply) => sendSerializedOnce(reply, reader.categories()))

  routes.get('/tags', {
    schema: {
      tags: ['categories'],
      operationId: 'listTags',
      summary: 'List tags',
      description: 'Every tag on a live prompt, most used first.',
      response: { 200: TagListSchema, ...problemResponses(400) }
    }
  }, async (_request, reply) => sendSerializedOnce(reply, reader.tags()))
}

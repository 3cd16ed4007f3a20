// Schemas that routes reference by $id; they appear once in the OpenAPI document's components.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { LibraryExportSchema } from '../schemas/library-export.js'
import { ProblemSchema } from '../schemas/problem.js'
import { PromptSchema } from '../schemas/prompt.js'

async function sharedSchemas (app: FastifyInstance): Promise<void> {
  app.addSchema(ProblemSchema)
  app.addSchema(PromptSchema)
  app.addSchema(LibraryExportSchema)
}

export default fp(sharedSchemas, { name: 'shared-schemas' })

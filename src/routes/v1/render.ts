// POST /v1/prompts/:id/render and POST /v1/render (a batch of up to 50 renders).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyInstance } from 'fastify'
import { toProblem } from '../../plugins/problem-errors.js'
import { problemResponses } from '../../schemas/problem.js'
import { RenderBatchBodySchema, RenderBatchResultSchema, RenderBodySchema, RenderResultSchema } from '../../schemas/render.js'
import { PromptIdParams } from './prompts-read.js'

const RULES = 'Values are inserted literally: a value holding {{other}} stays as it is. Variables with a default use it when no value is sent; ' +
  'variables declared not required render as "" then. A result over 100,000 characters is a 422 (the input is valid, its combination with the ' +
  'template is not), refused before the text is built. Each render is counted in the version\'s renderCount (written in batches).'

const UNPROCESSABLE = {
  ...problemResponses(422)[422],
  description: 'A value does not fit its variable\'s type (`invalid: [{ name, detail }]`, whatever strict says); strict and a required ' +
    'variable or a chat placeholder has no value or default (`missing` lists every such name); an included prompt was deleted; or the text would be over ' +
    '100,000 characters (`length` and `limit` say by how much).'
}

export default async function renderRoutes (app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const { renderer } = app

  // Variable names are object keys chosen by the client; __proto__ and constructor arrive as own keys (see
  // plugins/body-parsers.ts) and only ever reach a Map, so they are ordinary names, listed in `unused`.
  routes.post('/prompts/:id/render', {
    schema: {
      tags: ['render'],
      operationId: 'renderPrompt',
      summary: 'Render a prompt',
      description: 'Fills the placeholders of the current version (or `version`, or `label`) with `variables`. ' + RULES,
      params: PromptIdParams,
      body: RenderBodySchema,
      response: { 200: RenderResultSchema, ...problemResponses(400, 404, 413, 415), 422: UNPROCESSABLE }
    }
  }, (request, reply) => {
    // Without async: a promise per render is a measurable cost.
    const { variables = {}, version, label, subject, strict, format, placeholders } = request.body
    reply.send(renderer.render({ id: request.params.id, variables, version, label, subject, strict, format, placeholders }))
  })

  routes.post('/render', {
    schema: {
      tags: ['render'],
      operationId: 'renderBatch',
      summary: 'Render several prompts',
      description: 'Up to 50 renders in one request, answered in order. Each result has its own status: 200 with the render, or the ' +
        'problem that rendering it alone would have answered (404, 400 with pointers under #/items/<n>, 422), so one bad item does not ' +
        'fail the rest. A body that is not a valid batch (no items, over 50, unknown fields) is a 400 for the whole request. ' + RULES,
      body: RenderBatchBodySchema,
      response: { 200: RenderBatchResultSchema, ...problemResponses(400, 413, 415) }
    }
  }, async (request) => {
    const instance = request.url.split('?')[0]!
    return {
      results: request.body.items.map((item, index) => {
        try {
          const { id, variables = {}, version, label, subject, strict, format, placeholders } = item
          return { status: 200 as const, result: renderer.render({ id, variables, version, label, subject, strict, format, placeholders }, `#/items/${index}`) }
        } catch (error) {
          const problem = toProblem(error as FastifyError, instance)
          if (problem.status >= 500) request.log.error({ err: error, item: index }, 'render failed')
          return { status: problem.status, problem }
        }
      })
    }
  })
}

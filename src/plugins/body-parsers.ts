// The request bodies promptshelf reads: JSON (and JSON merge patch). Plain text has no route, so it is a 415.
// `__proto__` and `constructor` keys are kept as ordinary keys: schemas refuse them as unknown fields with a
// pointer, and render reads variable names through a Map.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function bodyParsers (app: FastifyInstance): Promise<void> {
  const parseJson = app.getDefaultJsonParser('ignore', 'ignore')
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson)
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, parseJson)
}

export default fp(bodyParsers, { name: 'body-parsers' })

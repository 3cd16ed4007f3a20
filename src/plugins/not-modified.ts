// A 304 has no body: RFC 9110 forbids a Content-Length other than the 200's and has no use for a Content-Type.
// Routes answer `reply.code(304).send(null)` with their response schema; this drops what serializing that added.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function notModified (app: FastifyInstance): Promise<void> {
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode !== 304) return done(null, payload)
    reply.removeHeader('content-type')
    reply.removeHeader('content-length')
    done(null, null)
  })
}

export default fp(notModified, { name: 'not-modified' })

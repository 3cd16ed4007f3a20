// Sends a cached answer serialized once: read answers are held as objects until the store changes, and the same
// object is serialized (with the route's 200 response schema) only the first time it is sent. Keyed by the
// object itself, so a serialization lives exactly as long as the cached answer.
import type { FastifyReply } from 'fastify'

const serialized = new WeakMap<object, string>()

export function sendSerializedOnce (reply: FastifyReply, answer: object): FastifyReply {
  let body = serialized.get(answer)
  if (body === undefined) {
    // The 200 schema's serializer, also when the schema is given per media type (which reply.serialize misses).
    const serializer: unknown = reply.getSerializationFunction('200', 'application/json') ?? reply.getSerializationFunction('200')
    body = typeof serializer === 'function' ? (serializer as (value: object) => string)(answer) : reply.serialize(answer) as string
    serialized.set(answer, body)
  }
  return reply.type('application/json; charset=utf-8').send(body)
}

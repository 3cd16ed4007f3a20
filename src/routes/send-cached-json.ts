// Answers reads from the library's read cache, building and serializing a body (with the route's
// 200 response schema) only on a miss.
import type { FastifyReply } from 'fastify'
import type { Library } from '../services/library.js'
import type { CachedRead } from '../services/read-cache.js'

const JSON_TYPE = 'application/json; charset=utf-8'

export function cachedRead (library: Library, reply: FastifyReply, key: string, build: () => { value: unknown } & Omit<CachedRead, 'body'>): CachedRead {
  library.syncWithStore()
  const cached = library.readCache.get(key)
  if (cached !== undefined) return cached
  const { value, ...about } = build()
  const serialize = reply.getSerializationFunction('200', 'application/json') ?? reply.getSerializationFunction('200')
  const entry: CachedRead = { body: serialize ? serialize(value as Record<string, unknown>) : JSON.stringify(value), ...about }
  library.readCache.set(key, entry)
  return entry
}

export function sendJson (reply: FastifyReply, body: string): FastifyReply {
  return reply.type(JSON_TYPE).send(body)
}

/** Appends a member to a serialized JSON object: `{"a":1}` + renderCount -> `{"a":1,"renderCount":3}`. */
export function withMember (body: string, name: string, value: number): string {
  return `${body.slice(0, -1)},"${name}":${value}}`
}

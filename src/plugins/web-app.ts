// The web app under /app/: content-hashed assets cached for good, index.html for every page URL
// (/app/, /app/prompts/sagas-1), a strict Content-Security-Policy on all of it, and the list of
// optional API routes this service has, so that the app shows only what works.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { APP_PREFIX, ASSETS_PREFIX, MANIFEST_FILE } from '../web-app/build-assets.js'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // Nothing in the app writes HTML from strings: the browser refuses it if anything tries.
  "require-trusted-types-for 'script'",
  "trusted-types 'none'"
].join('; ')

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin'
}

/** Optional routes (present in later API releases): the app hides what the service does not have. */
const OPTIONAL_ROUTES = {
  diff: { method: 'GET', url: '/v1/prompts/:id/diff' },
  labels: { method: 'GET', url: '/v1/prompts/:id/labels' },
  labelHistory: { method: 'GET', url: '/v1/prompts/:id/labels/:label/history' },
  rollback: { method: 'POST', url: '/v1/prompts/:id/labels/:label/rollback' },
  labelDelete: { method: 'DELETE', url: '/v1/prompts/:id/labels/:label' }
} as const

interface IndexPage { plain: Buffer, br?: Buffer, gzip?: Buffer }

function readIndex (dir: string): IndexPage {
  const path = join(dir, 'index.html')
  const optional = (file: string): Buffer | undefined => existsSync(file) ? readFileSync(file) : undefined
  return { plain: readFileSync(path), br: optional(path + '.br'), gzip: optional(path + '.gz') }
}

function sendIndex (page: IndexPage, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const accepted = String(request.headers['accept-encoding'] ?? '')
  reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'Accept-Encoding')
  if (page.br && /\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(page.br)
  if (page.gzip && /\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(page.gzip)
  return reply.send(page.plain)
}

export default async function webApp (app: FastifyInstance, options: { dir: string }): Promise<void> {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS)
    return payload
  })

  let features: Record<keyof typeof OPTIONAL_ROUTES, boolean> | undefined
  // Routes are all known once the app is ready.
  app.addHook('onReady', async function () {
    features = Object.fromEntries(Object.entries(OPTIONAL_ROUTES).map(([name, route]) => [name, this.hasRoute(route)])) as typeof features
  })
  app.get('/app/features.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-cache')
    return features
  })

  if (!existsSync(join(options.dir, MANIFEST_FILE))) {
    app.log.warn({ dir: options.dir }, 'the web app is not built (npm run build): /app/ answers 503')
    app.get('/app/*', { schema: { hide: true } }, async (_request, reply) => reply.code(503).type('text/plain; charset=utf-8')
      .send('The web app is not built: run npm run build.'))
    return
  }

  const index = readIndex(options.dir)
  await app.register(fastifyStatic, {
    root: join(options.dir, 'assets'),
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    preCompressed: true,
    index: false,
    dotfiles: 'ignore',
    // Names change with their content: cache for a year, never revalidate.
    cacheControl: false,
    setHeaders: (reply) => { reply.header('cache-control', 'public, max-age=31536000, immutable') }
  })
  app.get('/app', { schema: { hide: true } }, async (_request, reply) => reply.redirect(APP_PREFIX, 301))
  app.get(APP_PREFIX, { schema: { hide: true } }, async (request, reply) => sendIndex(index, request, reply))
  // Page URLs get the app; a path that names a file (a dot in its last segment) and is not an asset is a 404.
  app.get('/app/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0]!
    if (/\.[^/]*$/.test(path.slice(path.lastIndexOf('/')))) return reply.callNotFound()
    return sendIndex(index, request, reply)
  })
}

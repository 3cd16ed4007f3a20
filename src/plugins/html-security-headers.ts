// Security headers (@fastify/helmet) for the HTML pages promptshelf serves: Swagger UI at /docs, and any other page.
// Registered inside the scope of those pages only: JSON answers need none of it, and skip its cost.
// The CSP allows only this origin: Swagger UI loads its scripts and styles from /docs and calls the API here.
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

export const HTML_SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      // Swagger UI sets style attributes on its elements.
      styleSrc: ["'self'", "'unsafe-inline'"]
      // No upgrade-insecure-requests: a service reached over plain HTTP (a local one) would break its own page.
    }
  },
  // Swagger UI calls the API of the same origin only.
  crossOriginEmbedderPolicy: false
}

/** Adds the security headers to every route registered in `scope` after this call. */
export async function registerHtmlSecurityHeaders (scope: FastifyInstance): Promise<void> {
  await scope.register(helmet, HTML_SECURITY_HEADERS)
}

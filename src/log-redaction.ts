// What every log line of promptshelf leaves out, on the main thread and in the webhook deliverer's thread alike:
// credential headers by path, and key secrets anywhere else in a line (a path segment, an unlisted query name)
// by pattern.
import { redactSecrets } from './domain/api-key-secret.js'

export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]']

/** pino options: spread into a logger's options beside its level and stream. */
export const logRedaction = {
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  hooks: { streamWrite: redactSecrets }
}

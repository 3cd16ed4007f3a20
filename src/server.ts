// Starts promptshelf: reads the configuration, builds the app, listens, and shuts down gracefully.
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { DatabaseOpenError } from './db/open.js'
import { collectStartupGarbage } from './startup-garbage.js'

async function main (): Promise<void> {
  const config = loadConfig()
  const app = await buildApp(config)
  let closing = false
  const shutdown = (signal: string): void => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    // In-flight requests finish; idle keep-alive connections are closed; onClose hooks close the database.
    app.close().then(() => process.exit(0), (error: unknown) => {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
  await app.ready()
  collectStartupGarbage()
  await app.listen({ port: config.port, host: config.host })
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
    process.stderr.write(`promptshelf: ${error.message}\n`)
  } else {
    process.stderr.write(`promptshelf: failed to start: ${(error as Error).stack ?? String(error)}\n`)
  }
  process.exit(1)
})

// Webhooks: app.webhooks (the subscriptions service) and the background deliverer, running when the app is
// ready and stopped before the database closes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { leaveCheckpointsToBackground } from '../db/wal-checkpoints.js'
import { WebhookService } from '../services/webhook-service.js'
import { type Deliverer, DelivererThread } from '../webhooks/deliverer-thread.js'
import { loadSecretsKey, SecretBox } from '../webhooks/secret-box.js'
import { WebhookDeliverer } from '../webhooks/webhook-deliverer.js'

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: WebhookService
    webhookDeliverer: Deliverer
  }
}

async function webhooksPlugin (app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const secretsKey = loadSecretsKey(config.webhooks.secretsKey, config.databasePath)
  const secrets = new SecretBox(secretsKey)
  const log = app.log.child({ component: 'webhooks' })
  // A worker thread's connection cannot see an in-memory database: there the deliverer runs on the main thread.
  const deliverer: Deliverer = config.databasePath === ':memory:'
    ? new WebhookDeliverer(app.library.webhookOutbox, secrets, config.webhooks, log)
    : new DelivererThread(app.library.webhookOutbox, {
      databasePath: config.databasePath,
      logLevel: config.logLevel,
      webhooks: { ...config.webhooks, secretsKey: undefined },
      secretsKey
    }, log)
  // The deliverer's thread checkpoints the database file's write-ahead log too: not the request thread.
  if (deliverer instanceof DelivererThread) leaveCheckpointsToBackground(app.library.store.sqlite)
  app.decorate('webhooks', new WebhookService(app.library, secrets, config.webhooks))
  app.decorate('webhookDeliverer', deliverer)
  // Started now, so that the worker thread loads while the rest of the app is built; the app is ready once it delivers.
  const started = deliverer.start()
  app.addHook('onReady', async () => { await started })
  // Registered after the library: this hook runs before the one that closes the database.
  app.addHook('onClose', async () => { await deliverer.stop() })
}

export default fp(webhooksPlugin, { name: 'webhooks', dependencies: ['library'] })

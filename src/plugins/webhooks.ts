// Webhooks: app.webhooks (the subscriptions service) and the background deliverer, started when the app is
// ready and stopped before the database closes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { WebhookService } from '../services/webhook-service.js'
import { loadSecretsKey, SecretBox } from '../webhooks/secret-box.js'
import { WebhookDeliverer } from '../webhooks/webhook-deliverer.js'

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: WebhookService
    webhookDeliverer: WebhookDeliverer
  }
}

async function webhooksPlugin (app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const secrets = new SecretBox(loadSecretsKey(config.webhooks.secretsKey, config.databasePath))
  const deliverer = new WebhookDeliverer(app.library.webhookOutbox, secrets, config.webhooks, app.log.child({ component: 'webhooks' }))
  app.decorate('webhooks', new WebhookService(app.library, secrets, config.webhooks))
  app.decorate('webhookDeliverer', deliverer)
  app.addHook('onReady', async () => { deliverer.start() })
  // Registered after the library: this hook runs before the one that closes the database.
  app.addHook('onClose', async () => { await deliverer.stop() })
}

export default fp(webhooksPlugin, { name: 'webhooks', dependencies: ['library'] })

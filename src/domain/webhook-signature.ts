// Standard Webhooks signatures: v1,<base64 HMAC-SHA256 of "id.timestamp.body"> keyed with the secret's
// bytes (the base64 after whsec_). https://www.standardwebhooks.com
import { createHmac, randomBytes } from 'node:crypto'

export const SECRET_PREFIX = 'whsec_'

export function newWebhookSecret (): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64')
}

export function webhookSignature (secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64')
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')
}

/** The three headers a delivery carries. */
export function signedHeaders (secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': webhookSignature(secret, id, timestampSeconds, body)
  }
}

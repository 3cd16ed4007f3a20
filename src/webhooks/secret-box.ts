// Webhook signing secrets at rest: AES-256-GCM with a key from WEBHOOK_SECRETS_KEY, or else from a key file
// (mode 0600) created beside the database. The subscription id is bound in as additional data, so a
// ciphertext copied onto another subscription does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const FORMAT = 'v1'
export const KEY_FILE_NAME = 'webhook-secrets.key'

export class SecretBox {
  constructor (private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the webhook secrets key must be 32 bytes')
  }

  seal (plaintext: string, subscriptionId: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.from(subscriptionId))
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':')
  }

  open (ciphertext: string, subscriptionId: string): string {
    const [format, iv, tag, sealed] = ciphertext.split(':')
    if (format !== FORMAT || iv === undefined || tag === undefined || sealed === undefined) throw new Error('unknown webhook secret format')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'))
    decipher.setAAD(Buffer.from(subscriptionId))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8')
  }
}

/**
 * The key: the configured one (base64 of 32 bytes), or the key file beside the database, made on first use
 * with mode 0600. An in-memory database gets a key that lives as long as the process, like its data.
 */
export function loadSecretsKey (configured: Buffer | undefined, databasePath: string): Buffer {
  if (configured) return configured
  if (databasePath === ':memory:') return randomBytes(32)
  const file = join(dirname(databasePath), KEY_FILE_NAME)
  try {
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  chmodSync(file, 0o600)
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== 32) throw new Error(`${file} does not hold a base64 key of 32 bytes`)
  return key
}

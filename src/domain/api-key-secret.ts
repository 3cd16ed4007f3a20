// API key secrets: a recognizable prefix and 32 random bytes. Only a SHA-256 of the secret is stored; a secret with
// 256 bits of entropy cannot be guessed from its hash, so no slow password hash is needed.
import { createHash, randomBytes } from 'node:crypto'

export const SECRET_PREFIX = 'psk_'
/** Characters of the secret kept in clear, so that people can tell keys apart in listings. */
const SHOWN_LENGTH = SECRET_PREFIX.length + 6

export interface NewSecret {
  secret: string
  hash: string
  prefix: string
}

export function hashSecret (secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function newSecret (): NewSecret {
  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url')
  return { secret, hash: hashSecret(secret), prefix: secret.slice(0, SHOWN_LENGTH) }
}

export function newKeyId (): string {
  return 'key_' + randomBytes(9).toString('base64url')
}

/** A secret anywhere in a text, also percent-encoded (psk%5F…) or in other case: the prefix and what follows it. */
const SECRET_IN_TEXT = /psk(?:_|%5f)[a-z0-9_%-]*/gi

/** The text with every key secret in it replaced, for log lines: a key sent in a path or an odd query name stays out of logs. */
export function redactSecrets (text: string): string {
  return /psk/i.test(text) ? text.replace(SECRET_IN_TEXT, 'psk_[redacted]') : text
}

// The `npm run keys` commands: create, list and revoke API keys on the configured database.
// A running service sees a new key on its first use, and a change or revocation on the next request.
import { parseArgs } from 'node:util'
import type { Config } from '../config.js'
import { openStore } from '../db/open.js'
import { SCOPES, type Scope } from '../domain/principal.js'
import { KeyRepository } from '../repositories/key-repository.js'
import { KeyService } from '../services/key-service.js'

const USAGE = `usage:
  npm run keys -- create --name NAME --scopes ${SCOPES.join(',')} [--max N] [--window SECONDS]
  npm run keys -- list
  npm run keys -- revoke KEY_ID`

function wholeNumber (name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${raw}"`)
  return value
}

function parseScopes (raw: string | undefined): Scope[] {
  if (!raw) throw new Error(`--scopes is required: a comma-separated list of ${SCOPES.join(', ')}\n${USAGE}`)
  const scopes = raw.split(',').map((scope) => scope.trim()).filter(Boolean)
  for (const scope of scopes) {
    if (!SCOPES.includes(scope as Scope)) throw new Error(`unknown scope "${scope}": use ${SCOPES.join(', ')}`)
  }
  if (scopes.length === 0) throw new Error('--scopes names no scope')
  return scopes as Scope[]
}

/** Runs one command and answers what to print; throws with a one-line reason on bad input. */
export function keysCommand (args: string[], config: Config): string {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      max: { type: 'string' },
      window: { type: 'string' }
    }
  })
  const [command, ...rest] = positionals
  const store = openStore(config.databasePath)
  try {
    const keys = new KeyService(new KeyRepository(store.sqlite), { max: config.rateLimit.keyMax, windowSeconds: config.rateLimit.windowSeconds })
    if (command === 'create') {
      const name = values.name?.trim()
      // The same rule as the API's key names: no control characters (they would reach terminals and history).
      if (!name || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
        throw new Error(`--name is required: 1 to 100 characters, no control characters\n${USAGE}`)
      }
      const max = wholeNumber('max', values.max, 1_000_000_000)
      const windowSeconds = wholeNumber('window', values.window, 86_400)
      const rateLimit = max === undefined && windowSeconds === undefined
        ? undefined
        : { max: max ?? config.rateLimit.keyMax, windowSeconds: windowSeconds ?? config.rateLimit.windowSeconds }
      const key = keys.create({ name, scopes: parseScopes(values.scopes), rateLimit })
      return [
        `created ${key.id} "${key.name}" scopes=${key.scopes.join(',')} limit=${key.rateLimit.max}/${key.rateLimit.windowSeconds}s`,
        'secret (shown this once, store it now):',
        key.key
      ].join('\n')
    }
    if (command === 'list') {
      const lines = keys.list().map((key) => [
        key.id, key.prefix + '…', JSON.stringify(key.name), key.scopes.join(','),
        `${key.rateLimit.max}/${key.rateLimit.windowSeconds}s`, key.revokedAt === null ? 'live' : `revoked ${key.revokedAt}`
      ].join('\t'))
      return lines.length ? lines.join('\n') : 'no API keys'
    }
    if (command === 'revoke') {
      const id = rest[0]
      if (!id) throw new Error(`revoke needs a key id\n${USAGE}`)
      keys.revoke(id)
      return `revoked ${id}`
    }
    throw new Error(USAGE)
  } finally {
    store.sqlite.close()
  }
}

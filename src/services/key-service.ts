// API keys: create, list, change and revoke them, and resolve a presented secret to its principal.
// Resolving is on every request, so live keys are cached by secret: no hash and no query for a known key. The cache entry
// is dropped when the key is changed or revoked here, and the whole cache when the store's generation moves (any
// commit by another process: the CLI, another instance on the same database), so a revocation made anywhere takes
// effect on the next request.
import { hashSecret, newKeyId, newSecret } from '../domain/api-key-secret.js'
import { ConflictError, NotFoundError } from '../domain/errors.js'
import type { Principal, Scope } from '../domain/principal.js'
import type { KeyRepository, KeyRow } from '../repositories/key-repository.js'
import { BoundedCache } from './bounded-cache.js'

export interface RateLimitSetting {
  max: number
  windowSeconds: number
}

export interface KeyView {
  id: string
  name: string
  prefix: string
  scopes: Scope[]
  /** The key's own budget, or the service default when it has none. */
  rateLimit: RateLimitSetting
  createdAt: string
  revokedAt: string | null
}

export interface NewKey {
  name: string
  scopes: Scope[]
  rateLimit?: RateLimitSetting
}

export interface KeyPatch {
  name?: string
  scopes?: Scope[]
  /** null returns the key to the service default. */
  rateLimit?: RateLimitSetting | null
}

export class KeyService {
  private readonly cache: BoundedCache<Principal>

  constructor (
    private readonly keys: KeyRepository,
    private readonly defaults: RateLimitSetting,
    /** Library.generation; without one (the CLI) nothing is cached. */
    generation: () => number = () => Number.NaN,
    private readonly now: () => number = Date.now
  ) {
    this.cache = new BoundedCache(generation)
  }

  create (input: NewKey): KeyView & { key: string } {
    const { secret, hash, prefix } = newSecret()
    const id = newKeyId()
    this.keys.insert({
      id,
      name: input.name,
      prefix,
      hash,
      scopes: uniqueScopes(input.scopes),
      rateLimitMax: input.rateLimit?.max ?? null,
      rateLimitWindowSeconds: input.rateLimit?.windowSeconds ?? null,
      createdAt: new Date(this.now()).toISOString()
    })
    return { ...this.get(id), key: secret }
  }

  list (): KeyView[] {
    return this.keys.list().map((row) => this.view(row))
  }

  get (id: string): KeyView {
    const row = this.keys.byId(id)
    if (!row) throw new NotFoundError(`no API key with the id "${id}"`)
    return this.view(row)
  }

  patch (id: string, patch: KeyPatch): KeyView {
    const row = this.keys.byId(id)
    if (!row) throw new NotFoundError(`no API key with the id "${id}"`)
    if (row.revokedAt !== null) throw new ConflictError(`the API key "${id}" is revoked and cannot be changed`)
    const rateLimit = patch.rateLimit === undefined
      ? (row.rateLimitMax === null ? null : { max: row.rateLimitMax, windowSeconds: row.rateLimitWindowSeconds! })
      : patch.rateLimit
    this.keys.update(id, {
      name: patch.name ?? row.name,
      scopes: patch.scopes ? uniqueScopes(patch.scopes) : row.scopes,
      rateLimitMax: rateLimit?.max ?? null,
      rateLimitWindowSeconds: rateLimit?.windowSeconds ?? null
    })
    this.forget(id)
    return this.get(id)
  }

  /** Revokes a key; revoking a revoked key again changes nothing. */
  revoke (id: string): void {
    if (!this.keys.byId(id)) throw new NotFoundError(`no API key with the id "${id}"`)
    this.keys.revoke(id, new Date(this.now()).toISOString())
    this.forget(id)
  }

  /** The principal of a live key with this secret, or undefined. */
  readonly resolve = (secret: string): Principal | undefined => {
    // Cached by the secret itself, so that a known key costs no hash; a Map compares another string's content only
    // when their (seeded) hashes collide.
    const cached = this.cache.get(secret)
    if (cached) return cached
    const row = this.keys.liveByHash(hashSecret(secret))
    if (!row) return undefined
    const principal = this.principal(row)
    // Unknown secrets are not cached: a client could fill memory with guesses.
    this.cache.set(secret, principal)
    return principal
  }

  private forget (id: string): void {
    this.cache.retain((principal) => principal.keyId !== id)
  }

  private principal (row: KeyRow): Principal {
    return Object.freeze({
      kind: 'key',
      keyId: row.id,
      name: row.name,
      scopes: Object.freeze(row.scopes as Scope[]),
      rateLimit: row.rateLimitMax === null ? undefined : Object.freeze(this.view(row).rateLimit)
    })
  }

  private view (row: KeyRow): KeyView {
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes as Scope[],
      rateLimit: row.rateLimitMax === null
        ? { ...this.defaults }
        : { max: row.rateLimitMax, windowSeconds: row.rateLimitWindowSeconds ?? this.defaults.windowSeconds },
      createdAt: row.createdAt,
      revokedAt: row.revokedAt
    }
  }
}

function uniqueScopes (scopes: readonly Scope[]): Scope[] {
  return [...new Set(scopes)]
}


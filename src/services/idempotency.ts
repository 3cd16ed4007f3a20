// Idempotency-Key handling: the first request with a key runs, later ones with the same key replay its response.
// A key is reserved (committed) before the work runs, so another process sees it in flight (409); the work and
// the stored response then commit in one transaction, so a crash can never leave a write without its record.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../domain/canonical-json.js'
import { ConflictError, UnprocessableError } from '../domain/errors.js'
import type { IdempotencyRepository } from '../repositories/idempotency-repository.js'
import type { Library } from './library.js'

export interface StoredResponse {
  status: number
  headers: Record<string, string>
  body: unknown
}

export interface IdempotentOutcome {
  replayed: boolean
  response: StoredResponse
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/** A reservation older than this belongs to a process that died mid-request; a retry may take it over. */
export const ABANDONED_AFTER_MS = 30 * 1000
const PURGE_EVERY_MS = 60 * 60 * 1000

/** What makes two requests "the same": method, path and the body with its keys sorted. */
export function requestFingerprint (method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex')
}

export class IdempotencyService {
  private lastPurge = 0

  constructor (
    private readonly records: IdempotencyRepository,
    private readonly library: Library,
    private readonly clock: () => number = Date.now
  ) {}

  /** Runs `work` once per (owner, key): replays the stored response for a repeat, refuses a different body. */
  execute (owner: string, key: string, fingerprint: string, work: () => StoredResponse): IdempotentOutcome {
    const stored = this.library.transaction(() => this.claim(owner, key, fingerprint))
    if (stored) return { replayed: true, response: stored }
    try {
      const response = this.library.transaction(() => {
        const result = work()
        this.records.complete(owner, key, result.status, result.headers, result.body)
        return result
      })
      return { replayed: false, response }
    } catch (error) {
      // Nothing was written: release the key so that a corrected retry can use it.
      this.records.remove(owner, key)
      throw error
    }
  }

  private claim (owner: string, key: string, fingerprint: string): StoredResponse | undefined {
    const now = this.clock()
    const record = this.records.find(owner, key)
    if (record) {
      const age = now - Date.parse(record.createdAt)
      const live = age < IDEMPOTENCY_TTL_MS && (record.statusCode !== null || age < ABANDONED_AFTER_MS)
      if (live) {
        if (record.requestHash !== fingerprint) {
          throw new UnprocessableError(`the Idempotency-Key "${key}" was first used with another request body: use a new key for a new request`)
        }
        if (record.statusCode === null) {
          throw new ConflictError(`a request with the Idempotency-Key "${key}" is still in flight: retry in a moment`)
        }
        return {
          status: record.statusCode,
          headers: record.responseHeaders,
          body: record.responseBody
        }
      }
    }
    if (now - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now
      this.records.purgeBefore(new Date(now - IDEMPOTENCY_TTL_MS).toISOString())
    }
    this.records.reserve(owner, key, fingerprint, new Date(now).toISOString())
    return undefined
  }
}

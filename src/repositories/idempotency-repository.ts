// SQL for Idempotency-Key records: one row per (API key, Idempotency-Key).
import type { Sqlite } from '../db/open.js'

export interface IdempotencyRecord {
  requestHash: string
  /** null while the first request is in flight. */
  statusCode: number | null
  /** The replayed headers ({} while in flight). */
  responseHeaders: Record<string, string>
  /** The replayed body (null while in flight). */
  responseBody: unknown
  createdAt: string
}

type StoredRecord = Omit<IdempotencyRecord, 'responseHeaders' | 'responseBody'> & { responseHeaders: string | null, responseBody: string | null }

export class IdempotencyRepository {
  private readonly findStatement
  private readonly reserveStatement
  private readonly completeStatement
  private readonly removeStatement
  private readonly purgeStatement

  constructor (sqlite: Sqlite) {
    this.findStatement = sqlite.prepare<[string, string], StoredRecord>(
      `SELECT request_hash AS requestHash, status_code AS statusCode, response_headers AS responseHeaders,
      response_body AS responseBody, created_at AS createdAt
      FROM idempotency_records WHERE owner_key = ? AND idempotency_key = ?`)
    this.reserveStatement = sqlite.prepare<[string, string, string, string]>(
      `INSERT INTO idempotency_records (owner_key, idempotency_key, request_hash, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (owner_key, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash,
        status_code = NULL, response_headers = NULL, response_body = NULL, created_at = excluded.created_at`)
    this.completeStatement = sqlite.prepare<[number, string, string, string, string]>(
      `UPDATE idempotency_records SET status_code = ?, response_headers = ?, response_body = ?
      WHERE owner_key = ? AND idempotency_key = ?`)
    this.removeStatement = sqlite.prepare<[string, string]>(
      'DELETE FROM idempotency_records WHERE owner_key = ? AND idempotency_key = ?')
    this.purgeStatement = sqlite.prepare<[string]>('DELETE FROM idempotency_records WHERE created_at < ?')
  }

  find (owner: string, key: string): IdempotencyRecord | undefined {
    const raw = this.findStatement.get(owner, key)
    return raw && {
      ...raw,
      responseHeaders: JSON.parse(raw.responseHeaders ?? '{}') as Record<string, string>,
      responseBody: JSON.parse(raw.responseBody ?? 'null') as unknown
    }
  }

  /** Marks a key in flight for this request (replacing an expired or abandoned record). */
  reserve (owner: string, key: string, requestHash: string, createdAt: string): void {
    this.reserveStatement.run(owner, key, requestHash, createdAt)
  }

  complete (owner: string, key: string, statusCode: number, headers: Record<string, string>, body: unknown): void {
    this.completeStatement.run(statusCode, JSON.stringify(headers), JSON.stringify(body), owner, key)
  }

  remove (owner: string, key: string): void {
    this.removeStatement.run(owner, key)
  }

  /** Deletes records created before `cutoff`; returns how many. */
  purgeBefore (cutoff: string): number {
    return this.purgeStatement.run(cutoff).changes
  }
}

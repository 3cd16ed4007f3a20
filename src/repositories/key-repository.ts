// SQL for API keys. Statements are prepared once; rows come out camelCased with scopes parsed.
import type { Sqlite } from '../db/open.js'

export interface KeyRow {
  id: string
  name: string
  prefix: string
  scopes: string[]
  rateLimitMax: number | null
  rateLimitWindowSeconds: number | null
  createdAt: string
  revokedAt: string | null
}

export interface NewKeyRow extends Omit<KeyRow, 'revokedAt'> {
  hash: string
}

export interface KeyChange {
  name: string
  scopes: string[]
  rateLimitMax: number | null
  rateLimitWindowSeconds: number | null
}

interface RawKeyRow extends Omit<KeyRow, 'scopes'> {
  scopes: string
}

const COLUMNS = `id, name, prefix, scopes, rate_limit_max AS rateLimitMax,
  rate_limit_window_seconds AS rateLimitWindowSeconds, created_at AS createdAt, revoked_at AS revokedAt`

function toKeyRow (raw: RawKeyRow | undefined): KeyRow | undefined {
  return raw && { ...raw, scopes: JSON.parse(raw.scopes) as string[] }
}

export class KeyRepository {
  private readonly insertStatement
  private readonly byIdStatement
  private readonly liveByHashStatement
  private readonly listStatement
  private readonly updateStatement
  private readonly revokeStatement

  constructor (sqlite: Sqlite) {
    this.insertStatement = sqlite.prepare<Record<string, unknown>>(`INSERT INTO api_keys
      (id, name, prefix, hash, scopes, rate_limit_max, rate_limit_window_seconds, created_at)
      VALUES (@id, @name, @prefix, @hash, @scopes, @rateLimitMax, @rateLimitWindowSeconds, @createdAt)`)
    this.byIdStatement = sqlite.prepare<[string], RawKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`)
    this.liveByHashStatement = sqlite.prepare<[string], RawKeyRow>(
      `SELECT ${COLUMNS} FROM api_keys WHERE hash = ? AND revoked_at IS NULL`)
    this.listStatement = sqlite.prepare<[], RawKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)
    this.updateStatement = sqlite.prepare<Record<string, unknown>>(`UPDATE api_keys SET name = @name, scopes = @scopes,
      rate_limit_max = @rateLimitMax, rate_limit_window_seconds = @rateLimitWindowSeconds
      WHERE id = @id AND revoked_at IS NULL`)
    this.revokeStatement = sqlite.prepare<[string, string]>(
      'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
  }

  insert (row: NewKeyRow): void {
    this.insertStatement.run({ ...row, scopes: JSON.stringify(row.scopes) })
  }

  byId (id: string): KeyRow | undefined {
    return toKeyRow(this.byIdStatement.get(id))
  }

  /** The live (not revoked) key whose secret has this SHA-256 hex digest. */
  liveByHash (hash: string): KeyRow | undefined {
    return toKeyRow(this.liveByHashStatement.get(hash))
  }

  list (): KeyRow[] {
    return this.listStatement.all().map((raw) => toKeyRow(raw)!)
  }

  /** Changes a live key; false when it is revoked or absent. */
  update (id: string, change: KeyChange): boolean {
    return this.updateStatement.run({ id, ...change, scopes: JSON.stringify(change.scopes) }).changes === 1
  }

  /** Marks a live key revoked; false when it was already revoked or is absent. */
  revoke (id: string, at: string): boolean {
    return this.revokeStatement.run(at, id).changes === 1
  }
}

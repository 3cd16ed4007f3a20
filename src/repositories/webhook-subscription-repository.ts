// SQL for webhook subscriptions. The secret column holds ciphertext only (see webhooks/secret-box.ts).
import type { Sqlite } from '../db/open.js'

export interface SubscriptionRow {
  id: string
  url: string
  events: string[]
  description: string
  secretCiphertext: string
  createdAt: string
  updatedAt: string
}

type StoredRow = Omit<SubscriptionRow, 'events'> & { events: string }

const COLUMNS = 'id, url, events, description, secret_ciphertext AS secretCiphertext, created_at AS createdAt, updated_at AS updatedAt'

function parse (row: StoredRow | undefined): SubscriptionRow | undefined {
  return row === undefined ? undefined : { ...row, events: JSON.parse(row.events) as string[] }
}

export class WebhookSubscriptionRepository {
  private readonly listStatement
  private readonly oneStatement
  private readonly countStatement
  private readonly insertStatement
  private readonly updateStatement
  private readonly deleteStatements

  constructor (sqlite: Sqlite) {
    this.listStatement = sqlite.prepare<[], StoredRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`)
    this.oneStatement = sqlite.prepare<[string], StoredRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = ?`)
    this.countStatement = sqlite.prepare<[], number>('SELECT count(*) FROM webhook_subscriptions').pluck()
    this.insertStatement = sqlite.prepare<StoredRow>(`INSERT INTO webhook_subscriptions
      (id, url, events, description, secret_ciphertext, created_at, updated_at)
      VALUES (@id, @url, @events, @description, @secretCiphertext, @createdAt, @updatedAt)`)
    this.updateStatement = sqlite.prepare<{ id: string, url: string, events: string, description: string, updatedAt: string }>(
      'UPDATE webhook_subscriptions SET url = @url, events = @events, description = @description, updated_at = @updatedAt WHERE id = @id')
    this.deleteStatements = [
      sqlite.prepare<[string]>('DELETE FROM webhook_attempts WHERE subscription_id = ?'),
      sqlite.prepare<[string]>('DELETE FROM webhook_deliveries WHERE subscription_id = ?'),
      sqlite.prepare<[string]>('DELETE FROM webhook_subscriptions WHERE id = ?')
    ]
  }

  list (): SubscriptionRow[] {
    return this.listStatement.all().map((row) => parse(row)!)
  }

  one (id: string): SubscriptionRow | undefined {
    return parse(this.oneStatement.get(id))
  }

  count (): number {
    return this.countStatement.get()!
  }

  insert (row: SubscriptionRow): void {
    this.insertStatement.run({ ...row, events: JSON.stringify(row.events) })
  }

  update (id: string, fields: { url: string, events: string[], description: string }, updatedAt: string): void {
    this.updateStatement.run({ id, url: fields.url, events: JSON.stringify(fields.events), description: fields.description, updatedAt })
  }

  /** The subscription, its queue and its log. Call inside a transaction. */
  delete (id: string): boolean {
    let deleted = 0
    for (const statement of this.deleteStatements) deleted = statement.run(id).changes
    return deleted > 0
  }
}

// Webhook subscriptions: create (the secret is answered once and stored encrypted), list, read, change,
// delete, ping, and the log of delivery attempts.
import { randomBytes } from 'node:crypto'
import { lookup } from 'node:dns/promises'
import type { WebhookConfig } from '../config.js'
import { BadRequestError, ConflictError, NotFoundError } from '../domain/errors.js'
import { checkWebhookUrl, isForbiddenAddress } from '../domain/ssrf-guard.js'
import { newWebhookSecret } from '../domain/webhook-signature.js'
import type { AttemptRow } from '../repositories/webhook-outbox-repository.js'
import type { SubscriptionRow } from '../repositories/webhook-subscription-repository.js'
import type { SecretBox } from '../webhooks/secret-box.js'
import type { Library } from './library.js'
import { eventBody, newEventId } from './webhook-events.js'
import { decodeRowIdCursor, encodeRowIdCursor } from '../domain/row-id-cursor.js'

export interface SubscriptionView {
  id: string
  url: string
  events: string[]
  description: string
  createdAt: string
  updatedAt: string
}

export interface SubscriptionInput {
  url: string
  events: string[]
  description?: string
}

const RESOLVE_TIMEOUT_MS = 3000
const CURSOR_PREFIX = 'a1:'

function view (row: SubscriptionRow): SubscriptionView {
  return { id: row.id, url: row.url, events: row.events, description: row.description, createdAt: row.createdAt, updatedAt: row.updatedAt }
}

/** `*` stands for every event: a list holding it is just ["*"]. */
function normalizedEvents (events: string[]): string[] {
  return events.includes('*') ? ['*'] : [...new Set(events)]
}

export class WebhookService {
  constructor (
    private readonly library: Library,
    private readonly secrets: SecretBox,
    private readonly config: WebhookConfig,
    private readonly now: () => string = () => new Date().toISOString()
  ) {}

  async create (input: SubscriptionInput): Promise<SubscriptionView & { secret: string }> {
    await this.checkDestination(input.url)
    const id = 'wh_' + randomBytes(12).toString('base64url')
    const secret = newWebhookSecret()
    const now = this.now()
    const row: SubscriptionRow = {
      id,
      url: input.url,
      events: normalizedEvents(input.events),
      description: input.description ?? '',
      secretCiphertext: this.secrets.seal(secret, id),
      createdAt: now,
      updatedAt: now
    }
    this.library.transaction(() => {
      if (this.library.webhookSubscriptions.count() >= this.config.maxSubscriptions) {
        throw new ConflictError(`there are already ${this.config.maxSubscriptions} webhook subscriptions, the most this service keeps: delete one first`)
      }
      this.library.webhookSubscriptions.insert(row)
    })
    return { ...view(row), secret }
  }

  list (): SubscriptionView[] {
    return this.library.webhookSubscriptions.list().map(view)
  }

  get (id: string): SubscriptionView {
    return view(this.require(id))
  }

  async patch (id: string, input: Partial<SubscriptionInput>): Promise<SubscriptionView> {
    this.require(id)
    if (input.url !== undefined) await this.checkDestination(input.url)
    return this.library.transaction(() => {
      const row = this.require(id)
      const fields = {
        url: input.url ?? row.url,
        events: input.events === undefined ? row.events : normalizedEvents(input.events),
        description: input.description ?? row.description
      }
      const updatedAt = this.now()
      this.library.webhookSubscriptions.update(id, fields, updatedAt)
      return view({ ...row, ...fields, updatedAt })
    })
  }

  /** Deletes the subscription with its pending deliveries and its log. */
  delete (id: string): void {
    this.library.transaction(() => {
      if (!this.library.webhookSubscriptions.delete(id)) throw new NotFoundError(`no webhook subscription with the id "${id}"`)
    })
  }

  /** Queues a ping for this subscription alone; the deliveries log shows how it went. */
  ping (id: string, by: string): { eventId: string } {
    return this.library.transaction(() => {
      this.require(id)
      const eventId = newEventId()
      const timestamp = this.now()
      this.library.webhookOutbox.recordFor(id, { id: eventId, type: 'ping', orderingKey: `ping:${id}`, body: eventBody('ping', { id, by }, timestamp), createdAt: timestamp })
      return { eventId }
    })
  }

  deliveries (id: string, limit: number, cursor: string | undefined): { items: AttemptRow[], nextCursor: string | null } {
    this.require(id)
    const before = cursor === undefined ? null : decodeRowIdCursor(CURSOR_PREFIX, cursor)
    const rows = this.library.webhookOutbox.attempts(id, before, limit + 1)
    const items = rows.slice(0, limit)
    return {
      items,
      nextCursor: rows.length > limit ? encodeRowIdCursor(CURSOR_PREFIX, items[items.length - 1]!.id) : null
    }
  }

  private require (id: string): SubscriptionRow {
    const row = this.library.webhookSubscriptions.one(id)
    if (!row) throw new NotFoundError(`no webhook subscription with the id "${id}"`)
    return row
  }

  /** http(s) only, no credentials, and (unless private networks are allowed) no private destination, after DNS too. */
  private async checkDestination (url: string): Promise<void> {
    const refuse = (detail: string): never => {
      throw new BadRequestError(`the webhook url ${detail}`, [{ pointer: '#/url', detail }])
    }
    const checked = checkWebhookUrl(url, this.config.allowPrivateNetworks)
    if ('problem' in checked) return refuse(checked.problem)
    if (checked.literal || this.config.allowPrivateNetworks) return
    let addresses: Array<{ address: string }>
    try {
      addresses = await Promise.race([
        lookup(checked.host, { all: true }),
        new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), RESOLVE_TIMEOUT_MS).unref())
      ])
    } catch {
      return refuse(`names a host that does not resolve (${checked.host})`)
    }
    const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address))
    if (forbidden) refuse(`names a host that resolves to a private, loopback or link-local address (${checked.host} is ${forbidden.address})`)
  }
}


// The events webhooks carry, and how a change records one: in the outbox, inside the change's transaction,
// so that an acknowledged change always has its event and a rolled-back one never does.
import { randomBytes } from 'node:crypto'
import type { TrafficSplit } from '../domain/traffic-split.js'
import type { Library } from './library.js'

export const PROMPT_EVENT_TYPES = ['prompt.created', 'prompt.version.created', 'prompt.deleted', 'prompt.restored', 'label.moved', 'label.removed'] as const
export type PromptEventType = typeof PROMPT_EVENT_TYPES[number]
export type EventType = PromptEventType | 'ping'

export interface EventData {
  /** The prompt id (for ping, the subscription id). */
  id: string
  version?: number | null
  label?: string
  splits?: TrafficSplit[] | null
  reason?: string | null
  /** The name of the key that made the change. */
  by: string
}

export function newEventId (): string {
  return 'msg_' + randomBytes(16).toString('base64url')
}

export function eventBody (type: EventType, data: EventData, timestamp: string): string {
  return JSON.stringify({ type, timestamp, data })
}

/**
 * Records a prompt or label event for every subscription that wants it: one outbox row, fanned out to the
 * subscriptions by the deliverer. Call inside the change's transaction.
 */
export function recordWebhookEvent (library: Library, type: PromptEventType, data: EventData): void {
  // Without a subscriber for the type there is nothing to record: no id or body is made.
  if (!library.webhookOutbox.wanted(type)) return
  const id = newEventId()
  const timestamp = new Date().toISOString()
  library.webhookOutbox.record({ id, type, orderingKey: data.id, body: eventBody(type, data, timestamp), createdAt: timestamp })
}

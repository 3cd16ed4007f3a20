// The prompt store as the rest of the app sees it: repositories over one SQLite connection,
// the in-memory category tree, and transactions.
import type { Store } from '../db/open.js'
import { CategoryRepository } from '../repositories/category-repository.js'
import { IdempotencyRepository } from '../repositories/idempotency-repository.js'
import { LabelRepository } from '../repositories/label-repository.js'
import { LibraryMetaRepository } from '../repositories/library-meta-repository.js'
import { PromptHistoryRepository } from '../repositories/prompt-history-repository.js'
import { PromptRepository } from '../repositories/prompt-repository.js'
import { SearchIndexRepository } from '../repositories/search-index-repository.js'
import { StoreChangesRepository } from '../repositories/store-changes-repository.js'
import { WebhookOutboxRepository } from '../repositories/webhook-outbox-repository.js'
import { WebhookSubscriptionRepository } from '../repositories/webhook-subscription-repository.js'
import { CategoryTree } from './category-tree.js'

/** How long one look at SQLite's data_version serves. */
const SYNC_INTERVAL_MS = 1

export class Library {
  readonly prompts: PromptRepository
  readonly categories: CategoryRepository
  readonly meta: LibraryMetaRepository
  readonly history: PromptHistoryRepository
  readonly idempotency: IdempotencyRepository
  // Made on first use: code that opens a store at an older migration (tools, migration tests) never needs them.
  private labelRepository: LabelRepository | undefined
  private subscriptionRepository: WebhookSubscriptionRepository | undefined
  private outboxRepository: WebhookOutboxRepository | undefined
  private searchIndexRepository: SearchIndexRepository | undefined
  private tree: CategoryTree
  /** Goes up with every write here and every commit seen from another process: what was read before is stale. */
  private writes = 0
  private readonly changes: StoreChangesRepository
  private seenDataVersion: number
  private seenStoreGeneration: number
  private checkedAt = Number.NEGATIVE_INFINITY

  constructor (readonly store: Store) {
    this.prompts = new PromptRepository(store.sqlite)
    this.categories = new CategoryRepository(store.sqlite)
    this.meta = new LibraryMetaRepository(store.sqlite)
    this.history = new PromptHistoryRepository(store.sqlite)
    this.idempotency = new IdempotencyRepository(store.sqlite)
    this.tree = new CategoryTree(this.categories.all())
    this.changes = new StoreChangesRepository(store.sqlite)
    this.seenDataVersion = this.changes.dataVersion()
    this.seenStoreGeneration = this.changes.generation()
  }

  get labels (): LabelRepository {
    return (this.labelRepository ??= new LabelRepository(this.store.sqlite))
  }

  get webhookSubscriptions (): WebhookSubscriptionRepository {
    return (this.subscriptionRepository ??= new WebhookSubscriptionRepository(this.store.sqlite))
  }

  /** Events for webhooks, recorded inside the transaction of each change. */
  get webhookOutbox (): WebhookOutboxRepository {
    return (this.outboxRepository ??= new WebhookOutboxRepository(this.store.sqlite))
  }

  /** Deferring the search index during a bulk write, and building it for what the write queued. */
  get searchIndex (): SearchIndexRepository {
    return (this.searchIndexRepository ??= new SearchIndexRepository(this.store.sqlite))
  }

  get categoryTree (): CategoryTree {
    this.syncWithStore()
    return this.tree
  }

  /**
   * SQLite's data_version changes when another connection (a second instance on the same file, the CLI, the
   * webhook deliverer's thread) commits; this process's own commits do not change it. Then, if the store's
   * generation moved too (not for the deliverer's bookkeeping), everything derived from the store is stale.
   */
  syncWithStore (): void {
    // One check serves every request of the next millisecond: under load a check per request would cost as much
    // as the rest of a cached read (and a timer per event-loop turn nearly as much). A commit elsewhere is seen
    // within a millisecond, which no client can tell from the time its next request takes to arrive.
    const now = performance.now()
    if (now - this.checkedAt < SYNC_INTERVAL_MS) return
    this.checkedAt = now
    const version = this.changes.dataVersion()
    if (version === this.seenDataVersion) return
    this.seenDataVersion = version
    const generation = this.changes.generation()
    if (generation === this.seenStoreGeneration) return
    this.seenStoreGeneration = generation
    this.writes++
    this.tree = new CategoryTree(this.categories.all())
  }

  /** Call after any write that adds, removes or moves categories. */
  reloadCategories (): void {
    this.tree = new CategoryTree(this.categories.all())
  }

  /** A number that changes whenever the store may have changed (after syncing with other processes). */
  generation (): number {
    this.syncWithStore()
    return this.writes
  }

  /**
   * Runs fn in one SQLite transaction (BEGIN IMMEDIATE, so concurrent writers queue instead of failing). Inside
   * another transaction fn is part of it, without a savepoint of its own: every caller lets an error end the
   * outer transaction, and an import of 100,000 prompts would otherwise open and release 100,000 savepoints.
   */
  transaction<T> (fn: () => T): T {
    try {
      return this.store.sqlite.inTransaction ? fn() : this.store.sqlite.transaction(() => this.ownChange(fn)).immediate()
    } finally {
      this.writes++
    }
  }

  /**
   * Runs fn, and counts the store generation it moves as seen (this write drops what was read before anyway), so
   * that the next commit of another connection is not taken for a change of the store. Only when nothing of
   * another connection was unseen when it began: that is left for the next sync to find.
   */
  private ownChange<T> (fn: () => T): T {
    const before = this.changes.generation()
    const result = fn()
    if (before === this.seenStoreGeneration) this.seenStoreGeneration = this.changes.generation()
    return result
  }
}

// Labels as records: move one to a version or a traffic split, remove it, roll it back, read its history.
// Each change is one transaction holding the label row, its history entry and its webhook event. Protected
// labels need the scope labels:promote. Services speak in revisions; routes turn them into ETags.
import { BadRequestError, ConflictError, DomainError, NotFoundError, PreconditionFailedError } from '../domain/errors.js'
import { chooseSplit, primaryVersion, splitsProblem, type TrafficSplit } from '../domain/traffic-split.js'
import { holdsScope, type Principal } from '../domain/principal.js'
import type { LabelHistoryEntry, LabelRecord, LabelTarget } from '../repositories/label-repository.js'
import type { Library } from './library.js'
import { isExpectedVersion, type ExpectedVersion } from '../domain/expected-version.js'
import { recordWebhookEvent } from './webhook-events.js'
import { decodeRowIdCursor, encodeRowIdCursor } from '../domain/row-id-cursor.js'

export interface LabelView {
  label: string
  version: number
  splits: TrafficSplit[] | null
  protected: boolean
  updatedAt: string
  updatedBy: string | null
}

export interface LabelChange {
  version?: number
  splits?: TrafficSplit[]
  reason?: string
}

export interface LabelAnswer {
  view: LabelView
  etag: string
}

export interface HistoryView {
  items: Array<Omit<LabelHistoryEntry, 'id'>>
  nextCursor: string | null
}

const CURSOR_PREFIX = 'h1:'

/** A strong validator of one state of a label: its newest history entry names it. */
export function labelEtag (id: string, label: string, revision: number): string {
  return `"${id}.label.${label}.r${revision}"`
}

function sameTarget (a: LabelTarget | null, b: LabelTarget | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function targetOf (record: LabelRecord): LabelTarget {
  return record.splits === null ? { version: record.version } : { splits: record.splits }
}

export class LabelService {
  private readonly protectedLabels: ReadonlySet<string>

  constructor (private readonly library: Library, protectedLabels: readonly string[], private readonly now: () => string = () => new Date().toISOString()) {
    this.protectedLabels = new Set(protectedLabels)
  }

  list (id: string): LabelView[] {
    this.requireLive(id)
    return this.library.labels.list(id).map((record) => this.view(record))
  }

  get (id: string, label: string): LabelAnswer {
    this.requireLive(id)
    const record = this.library.labels.one(id, label)
    if (!record) throw new NotFoundError(`prompt "${id}" has no label "${label}"`)
    return this.answer(id, record)
  }

  /** Points the label at one version or a split. A change to where it already points changes nothing. */
  put (id: string, label: string, change: LabelChange, expected: ExpectedVersion | undefined, principal: Principal): LabelAnswer {
    const target = this.checkedTarget(change)
    this.requirePromoter(label, principal)
    return this.library.transaction(() => {
      this.requireLive(id)
      const current = this.library.labels.one(id, label)
      this.checkExpected(id, label, current, expected)
      const versions = 'version' in target ? [target.version] : target.splits.map((split) => split.version)
      versions.forEach((version, index) => {
        if (!this.library.history.one(id, version)) {
          const pointer = 'version' in target ? '#/version' : `#/splits/${index}/version`
          throw new BadRequestError(`prompt "${id}" has no version ${version}`, [{ pointer, detail: `no version ${version}` }])
        }
      })
      if (current && sameTarget(targetOf(current), target)) return this.answer(id, current)
      this.move(id, label, current ? targetOf(current) : null, target, principal.name, change.reason ?? null)
      return this.answer(id, this.library.labels.one(id, label)!)
    })
  }

  remove (id: string, label: string, expected: ExpectedVersion | undefined, principal: Principal, reason: string | null = null): void {
    this.requirePromoter(label, principal)
    this.library.transaction(() => {
      this.requireLive(id)
      const current = this.library.labels.one(id, label)
      if (!current) throw new NotFoundError(`prompt "${id}" has no label "${label}"`)
      this.checkExpected(id, label, current, expected)
      const from = targetOf(current)
      this.library.labels.delete(id, label)
      this.library.labels.addHistory(id, label, { from, to: null, by: principal.name, at: this.now(), reason })
      recordWebhookEvent(this.library, 'label.removed', { id, label, version: current.version, splits: current.splits, reason, by: principal.name })
    })
  }

  /** Points the label where it pointed before its last change, as a new change with the reason "rollback". */
  rollback (id: string, label: string, expected: ExpectedVersion | undefined, principal: Principal): LabelAnswer {
    this.requirePromoter(label, principal)
    return this.library.transaction(() => {
      this.requireLive(id)
      const current = this.library.labels.one(id, label)
      const last = this.library.labels.lastChange(id, label)
      if (!current && !last) throw new NotFoundError(`prompt "${id}" has no label "${label}"`)
      this.checkExpected(id, label, current, expected)
      if (!last || last.from === null) {
        throw new ConflictError(`label "${label}" of "${id}" has nothing before its ${last ? 'creation' : 'current state'} to roll back to`)
      }
      const to = last.from
      if (current) this.move(id, label, targetOf(current), to, principal.name, 'rollback')
      else this.move(id, label, null, to, principal.name, 'rollback')
      return this.answer(id, this.library.labels.one(id, label)!)
    })
  }

  history (id: string, label: string, limit: number, cursor: string | undefined): HistoryView {
    this.requireLive(id)
    const before = cursor === undefined ? null : decodeRowIdCursor(CURSOR_PREFIX, cursor)
    const rows = this.library.labels.history(id, label, before, limit + 1)
    if (rows.length === 0 && before === null && !this.library.labels.one(id, label)) throw new NotFoundError(`prompt "${id}" has no label "${label}"`)
    const page = rows.slice(0, limit)
    return {
      items: page.map(({ from, to, by, at, reason }) => ({ from, to, by, at, reason })),
      nextCursor: rows.length > limit ? encodeRowIdCursor(CURSOR_PREFIX, page[page.length - 1]!.id) : null
    }
  }

  /**
   * The version a read by label serves: the label's version, or for a split the one the subject's stable hash
   * falls on (random by weight without a subject). Undefined when the label does not exist.
   */
  servedVersion (id: string, label: string, subject: string | undefined): number | undefined {
    const target = this.library.labels.target(id, label)
    if (target === undefined) return undefined
    return 'version' in target ? target.version : chooseSplit(target.splits, id, label, subject)
  }

  private move (id: string, label: string, from: LabelTarget | null, to: LabelTarget, by: string, reason: string | null): void {
    const at = this.now()
    const splits = 'splits' in to ? to.splits : null
    const version = splits === null ? (to as { version: number }).version : primaryVersion(splits)
    this.library.labels.set(id, label, version, splits, at, by)
    this.library.labels.addHistory(id, label, { from, to, by, at, reason })
    recordWebhookEvent(this.library, 'label.moved', { id, label, version, splits, reason, by })
  }

  private checkedTarget (change: LabelChange): LabelTarget {
    if ((change.version === undefined) === (change.splits === undefined)) {
      throw new BadRequestError('send either version or splits', [{ pointer: change.version === undefined ? '#' : '#/splits', detail: 'send one of version and splits' }])
    }
    if (change.version !== undefined) return { version: change.version }
    const problem = splitsProblem(change.splits!)
    if (problem) throw new BadRequestError(`splits ${problem.detail}`, [{ pointer: `#/splits${problem.pointer}`, detail: problem.detail }])
    return { splits: change.splits!.map(({ version, weight }) => ({ version, weight })) }
  }

  private requirePromoter (label: string, principal: Principal): void {
    if (this.protectedLabels.has(label) && !holdsScope(principal, 'labels:promote')) {
      throw new DomainError(403, 'Forbidden', `the label "${label}" is protected: only a key with the scope labels:promote may move, split or remove it`)
    }
  }

  /** `expected` is the revisions If-Match named ('any' for "*"), undefined when the request sent none. */
  private checkExpected (id: string, label: string, current: LabelRecord | undefined, expected: ExpectedVersion | undefined): void {
    if (expected === undefined) return
    const etag = current ? labelEtag(id, label, current.revision) : undefined
    if (current === undefined || !isExpectedVersion(expected, current.revision)) {
      throw new PreconditionFailedError(`If-Match does not name the label "${label}" of "${id}" as it stands${etag ? ` (now ${etag})` : ' (it does not exist)'}: nothing was changed`)
    }
  }

  private requireLive (id: string): void {
    const head = this.library.prompts.head(id)
    if (!head || head.deletedAt !== null) throw new NotFoundError(`no prompt with the id "${id}"`)
  }

  private view (record: LabelRecord): LabelView {
    return { label: record.label, version: record.version, splits: record.splits, protected: this.protectedLabels.has(record.label), updatedAt: record.updatedAt, updatedBy: record.updatedBy }
  }

  private answer (id: string, record: LabelRecord): LabelAnswer {
    return { view: this.view(record), etag: labelEtag(id, record.label, record.revision) }
  }
}


// Rendering a prompt: pick the version (current, `version` or `label`), check the values, apply defaults,
// enforce the strict rule and the size limits, fill the parsed template, count the render.
// Versions are immutable, so each is parsed once and kept in a bounded cache keyed by (id, version).
import { BadRequestError, NotFoundError, UnprocessableError } from '../domain/errors.js'
import { toRenderValues } from '../domain/render-values.js'
import { chooseSplit } from '../domain/traffic-split.js'
import { parseTemplate, renderParsed, type ParsedTemplate } from '../domain/template.js'
import type { RenderRepository } from '../repositories/render-repository.js'
import type { RenderCounter } from './render-counter.js'

export const MAX_RESULT_LENGTH = 100_000

export interface RenderRequest {
  id: string
  variables: object
  version?: number
  label?: string
  /** With a split label: who is served, so that the same subject gets the same version. */
  subject?: string
  strict?: boolean
  format?: 'text' | 'messages'
}

export interface RenderResult {
  id: string
  version: number
  text: string
  missing: string[]
  unused: string[]
  messages?: Array<{ role: 'user', content: string }>
}

interface CompiledVersion {
  parsed: ParsedTemplate
  names: ReadonlySet<string>
  /** Values used when the request has none: declared defaults, and '' for variables declared not required. */
  defaults: ReadonlyMap<string, string>
  size: number
}

interface StoredVariable {
  name: string
  required?: boolean
  default?: string
}

export interface RenderCacheLimits {
  maxEntries: number
  /** Total template characters kept. */
  maxChars: number
}

const MAX_CURRENT_VERSIONS = 100_000

export class RenderService {
  private readonly cache = new Map<string, CompiledVersion>()
  private cachedChars = 0
  /** Each prompt's current version (undefined: none or deleted), valid while the store's generation holds. */
  private readonly currentVersions = new Map<string, number | undefined>()
  private currentVersionsGeneration = -1

  constructor (
    private readonly repository: RenderRepository,
    private readonly counter: RenderCounter,
    /** Library.generation: changes whenever a write (here or elsewhere) may have moved a current version. */
    private readonly generation: () => number,
    private readonly limits: RenderCacheLimits = { maxEntries: 5000, maxChars: 20_000_000 }
  ) {}

  /** `base` is the JSON pointer of the request inside the body, for problems that name a field. */
  render (request: RenderRequest, base = '#'): RenderResult {
    const { id } = request
    const values = toRenderValues(request.variables, `${base}/variables`)
    if (request.version !== undefined && request.label !== undefined) {
      throw new BadRequestError('pass version or label, not both', [{ pointer: `${base}/label`, detail: 'conflicts with version' }])
    }
    const current = this.currentVersion(id)
    if (current === undefined) throw new NotFoundError(`no prompt with the id "${id}"`)
    let version = request.version ?? current
    if (request.label !== undefined) {
      const target = this.repository.labelTarget(id, request.label)
      if (target === undefined) throw new NotFoundError(`prompt "${id}" has no label "${request.label}"`)
      version = 'version' in target ? target.version : chooseSplit(target.splits, id, request.label, request.subject)
    }
    const compiled = this.compiled(id, version)
    if (!compiled) throw new NotFoundError(`prompt "${id}" has no version ${version}`)

    const unused: string[] = []
    for (const name of values.keys()) if (!compiled.names.has(name)) unused.push(name)
    for (const [name, value] of compiled.defaults) if (!values.has(name)) values.set(name, value)
    if (request.strict !== false) {
      const missing = compiled.parsed.variables.filter((name) => !values.has(name))
      if (missing.length > 0) {
        throw new UnprocessableError(`no value for the required variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ` +
          'send them in variables, or strict: false to keep their placeholders', { missing })
      }
    }
    const { text, missing } = renderParsed(compiled.parsed, values, MAX_RESULT_LENGTH)
    this.counter.record(id, version)
    const result: RenderResult = { id, version, text, missing, unused }
    if (request.format === 'messages') result.messages = [{ role: 'user', content: text }]
    return result
  }

  private currentVersion (id: string): number | undefined {
    const generation = this.generation()
    if (generation !== this.currentVersionsGeneration || this.currentVersions.size >= MAX_CURRENT_VERSIONS) {
      this.currentVersions.clear()
      this.currentVersionsGeneration = generation
    }
    if (this.currentVersions.has(id)) return this.currentVersions.get(id)
    const version = this.repository.currentVersion(id)
    this.currentVersions.set(id, version)
    return version
  }

  private compiled (id: string, version: number): CompiledVersion | undefined {
    const key = `${id}\n${version}`
    const cached = this.cache.get(key)
    if (cached) return cached
    const source = this.repository.source(id, version)
    if (!source) return undefined
    let parsed: ParsedTemplate
    try {
      parsed = parseTemplate(source.template)
    } catch (error) {
      // Stored templates were checked when written: a failure here is a server fault, not the client's.
      throw new Error(`stored template of ${id} v${version} does not parse: ${(error as Error).message}`)
    }
    const defaults = new Map<string, string>()
    for (const variable of JSON.parse(source.variables) as StoredVariable[]) {
      const fallback = variable.default ?? (variable.required === false ? '' : undefined)
      if (fallback !== undefined) defaults.set(variable.name, fallback)
    }
    const compiled: CompiledVersion = { parsed, names: new Set(parsed.variables), defaults, size: source.template.length }
    this.remember(key, compiled)
    return compiled
  }

  /** Keeps the cache within its limits by dropping the oldest entries first. */
  private remember (key: string, compiled: CompiledVersion): void {
    this.cache.set(key, compiled)
    this.cachedChars += compiled.size
    for (const [oldest, entry] of this.cache) {
      if (this.cache.size <= this.limits.maxEntries && this.cachedChars <= this.limits.maxChars) break
      if (oldest === key) break
      this.cache.delete(oldest)
      this.cachedChars -= entry.size
    }
  }

  get cacheSize (): number {
    return this.cache.size
  }
}

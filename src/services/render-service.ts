// Rendering a prompt: pick the version (current, `version` or `label`), check the values, apply defaults,
// enforce the strict rule and the size limits, fill the parsed template, count the render.
// Versions are immutable, so each is parsed once and kept in a bounded cache keyed by (id, version).
import { BadRequestError, NotFoundError, UnprocessableError } from '../domain/errors.js'
import { toRenderValues } from '../domain/render-values.js'
import { parseTemplate, renderParsed, type ParsedTemplate } from '../domain/template.js'
import type { RenderRepository } from '../repositories/render-repository.js'
import { BoundedCache } from './bounded-cache.js'
import type { RenderCounter } from './render-counter.js'

export const MAX_RESULT_LENGTH = 100_000

export interface RenderRequest {
  id: string
  variables: object
  version?: number
  label?: string
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

export interface CompiledVersion {
  parsed: ParsedTemplate
  names: ReadonlySet<string>
  /** Values used when the request has none: declared defaults, and '' for variables declared not required. */
  defaults: ReadonlyMap<string, string>
  size: number
}

export class RenderService {
  /** Each prompt's current version (null: none or deleted), valid while the store's generation holds. */
  private readonly currentVersions: BoundedCache<number | null>

  constructor (
    private readonly repository: RenderRepository,
    private readonly counter: RenderCounter,
    /** Library.generation: changes whenever a write (here or elsewhere) may have moved a current version. */
    generation: () => number,
    /** Parsed versions, weighed by template length; versions are immutable, so they never go stale. */
    private readonly cache: BoundedCache<CompiledVersion> = new BoundedCache(null)
  ) {
    this.currentVersions = new BoundedCache(generation)
  }

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
      const labelled = this.repository.labelledVersion(id, request.label)
      if (labelled === undefined) throw new NotFoundError(`prompt "${id}" has no label "${request.label}"`)
      version = labelled
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
    const cached = this.currentVersions.get(id)
    if (cached !== undefined) return cached ?? undefined
    const version = this.repository.currentVersion(id)
    this.currentVersions.set(id, version ?? null)
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
    for (const variable of source.variables) {
      const fallback = variable.default ?? (variable.required === false ? '' : undefined)
      if (fallback !== undefined) defaults.set(variable.name, fallback)
    }
    const compiled: CompiledVersion = { parsed, names: new Set(parsed.variables), defaults, size: source.template.length }
    this.cache.set(key, compiled, compiled.size)
    return compiled
  }
}

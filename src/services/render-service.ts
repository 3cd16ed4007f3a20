// Rendering a prompt: pick the version (current, `version` or `label`), check the values, apply defaults,
// enforce the strict rule and the size limits, fill the parsed template, count the render.
// Versions are immutable, so each is parsed once and kept in a bounded cache keyed by (id, version).
import { BadRequestError, NotFoundError, UnprocessableError } from '../domain/errors.js'
import { type ChatMessage, type CompiledChat, compileChat, renderChat } from '../domain/chat-messages.js'
import { expandIncludes, IncludeError, type IncludeLookup } from '../domain/partials.js'
import type { PromptConfig } from '../domain/prompt-config.js'
import type { Variable } from '../domain/variable.js'
import { pointerSegment, toRenderValues } from '../domain/render-values.js'
import { chooseSplit } from '../domain/traffic-split.js'
import { parseTemplate, renderParsed, type ParsedTemplate } from '../domain/template.js'
import { type TypedVariable, valueMismatch, valueText } from '../domain/variable-types.js'
import type { RenderRepository } from '../repositories/render-repository.js'
import { BoundedCache } from './bounded-cache.js'
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
  /** Messages that take the place of a chat prompt's { placeholder } entries, by name. */
  placeholders?: Record<string, ChatMessage[]>
}

export interface RenderResult {
  id: string
  version: number
  /** Present on a chat prompt's render, which answers messages instead of text. */
  type?: 'chat'
  text?: string
  messages?: ChatMessage[]
  /** The version's config ({} when none). */
  config: PromptConfig
  missing: string[]
  unused: string[]
}

export interface CompiledVersion {
  parsed: ParsedTemplate
  /** A chat prompt's entries; parsed is then empty. */
  chat: CompiledChat | null
  config: PromptConfig
  /** Variables of a type other than string, whose values are checked. */
  typed: TypedVariable[]
  /** The variables as stored, for the prompts that include this one. */
  variables: Variable[]
  /** Whether the template (or a message) has {{> id}} includes, resolved per store generation. */
  hasIncludes: boolean
  names: ReadonlySet<string>
  /** Values used when the request has none: declared defaults, and '' for variables declared not required. */
  defaults: ReadonlyMap<string, string>
  size: number
}

/** Values used when the request has none, and the variables whose values are type-checked. */
function variableRules (variables: readonly Variable[]): { defaults: Map<string, string>, typed: TypedVariable[] } {
  const defaults = new Map<string, string>()
  const typed: TypedVariable[] = []
  for (const variable of variables) {
    const fallback = variable.default === undefined ? (variable.required === false ? '' : undefined) : valueText(variable.default)
    if (fallback !== undefined) defaults.set(variable.name, fallback)
    if (variable.type !== undefined && variable.type !== 'string') typed.push(variable)
  }
  return { defaults, typed }
}

export class RenderService {
  /** Each prompt's current version (null: none or deleted), valid while the store's generation holds. */
  private readonly currentVersions: BoundedCache<number | null>
  /** Versions with includes, resolved against the store as it is in this generation. */
  private readonly resolvedVersions: BoundedCache<CompiledVersion>

  constructor (
    private readonly repository: RenderRepository,
    private readonly counter: RenderCounter,
    /** Library.generation: changes whenever a write (here or elsewhere) may have moved a current version. */
    generation: () => number,
    /** Parsed versions, weighed by template length; versions are immutable, so they never go stale. */
    private readonly cache: BoundedCache<CompiledVersion> = new BoundedCache(null)
  ) {
    this.currentVersions = new BoundedCache(generation)
    this.resolvedVersions = new BoundedCache(generation)
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
      const target = this.repository.labelTarget(id, request.label)
      if (target === undefined) throw new NotFoundError(`prompt "${id}" has no label "${request.label}"`)
      version = 'version' in target ? target.version : chooseSplit(target.splits, id, request.label, request.subject)
    }
    const stored = this.compiled(id, version)
    if (!stored) throw new NotFoundError(`prompt "${id}" has no version ${version}`)
    const compiled = stored.hasIncludes ? this.resolved(id, version, stored) : stored

    const invalid: Array<{ name: string, detail: string }> = []
    for (const variable of compiled.typed) {
      if (!Object.hasOwn(request.variables, variable.name)) continue
      const detail = valueMismatch(variable, (request.variables as Record<string, unknown>)[variable.name])
      if (detail !== undefined) invalid.push({ name: variable.name, detail })
    }
    if (invalid.length > 0) {
      throw new UnprocessableError(`${invalid.map(({ name, detail }) => `${name} ${detail}`).join('; ')}: send values of the declared types`,
        { invalid, errors: invalid.map(({ name, detail }) => ({ pointer: `${base}/variables/${pointerSegment(name)}`, detail })) })
    }
    const unused: string[] = []
    for (const name of values.keys()) if (!compiled.names.has(name)) unused.push(name)
    for (const [name, value] of compiled.defaults) if (!values.has(name)) values.set(name, value)
    const placeholders = new Map(Object.entries(request.placeholders ?? {}))
    if (compiled.chat !== null) {
      for (const name of placeholders.keys()) if (!compiled.chat.placeholders.includes(name)) unused.push(name)
    }
    if (request.strict !== false) {
      const missing = (compiled.chat?.variables ?? compiled.parsed.variables).filter((name) => !values.has(name))
      if (compiled.chat !== null) missing.push(...compiled.chat.placeholders.filter((name) => !placeholders.has(name)))
      if (missing.length > 0) {
        throw new UnprocessableError(`no value for the required variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ` +
          'send them in variables (placeholders in placeholders), or strict: false to keep their placeholders', { missing })
      }
    }
    if (compiled.chat !== null) {
      const outcome = renderChat(compiled.chat, values, placeholders, MAX_RESULT_LENGTH)
      this.counter.record(id, version)
      return { id, version, type: 'chat', messages: outcome.messages, config: compiled.config, missing: outcome.missing, unused }
    }
    const { text, missing } = renderParsed(compiled.parsed, values, MAX_RESULT_LENGTH)
    this.counter.record(id, version)
    const result: RenderResult = { id, version, text, missing, unused, config: compiled.config }
    if (request.format === 'messages') result.messages = [{ role: 'user', content: text }]
    return result
  }

  /**
   * A version with its includes replaced by what they name now. Kept until the store's generation changes,
   * so a render on the hot path makes no query per include.
   */
  private resolved (id: string, version: number, stored: CompiledVersion): CompiledVersion {
    const key = `${id}\n${version}`
    const cached = this.resolvedVersions.get(key)
    if (cached) return cached
    const lookup: IncludeLookup = (ref) => {
      const current = this.currentVersion(ref.id)
      if (current === undefined) return 'deleted'
      let target = current
      if (ref.version !== undefined) target = ref.version
      else if (ref.label !== undefined) {
        const labelled = this.repository.labelledVersion(ref.id, ref.label)
        if (labelled === undefined) return 'no-label'
        target = labelled
      }
      const compiled = this.compiled(ref.id, target)
      if (!compiled) return 'no-version'
      if (compiled.chat !== null) return 'chat'
      return { id: ref.id, version: target, parsed: compiled.parsed, variables: compiled.variables }
    }
    const own = new Set(stored.variables.map((variable) => variable.name))
    const extra: Variable[] = []
    const expand = (parsed: ParsedTemplate): ParsedTemplate => {
      try {
        const expansion = expandIncludes(id, parsed, lookup, new Set([...own, ...extra.map((variable) => variable.name)]))
        extra.push(...expansion.variables)
        return expansion.parsed
      } catch (error) {
        if (!(error instanceof IncludeError)) throw error
        throw new UnprocessableError(`cannot render "${id}": ${error.message}`, { include: error.target })
      }
    }
    let parsed = stored.parsed
    let chat = stored.chat
    if (chat === null) {
      parsed = expand(parsed)
    } else {
      const entries = chat.entries.map((entry) => 'parsed' in entry ? { role: entry.role, parsed: expand(entry.parsed) } : entry)
      const variables = [...new Set(entries.flatMap((entry) => 'parsed' in entry ? entry.parsed.variables : []))]
      chat = { entries, variables, placeholders: chat.placeholders }
    }
    const rules = variableRules(extra)
    const defaults = new Map([...rules.defaults, ...stored.defaults])
    const resolved: CompiledVersion = {
      ...stored,
      parsed,
      chat,
      typed: [...stored.typed, ...rules.typed],
      defaults,
      names: new Set(chat?.variables ?? parsed.variables),
      hasIncludes: false
    }
    this.resolvedVersions.set(key, resolved, stored.size)
    return resolved
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
    let chat: CompiledChat | null = null
    try {
      if (source.type === 'chat') chat = compileChat(source.messages ?? [])
      parsed = chat === null ? parseTemplate(source.template) : { parts: [], variables: [] }
    } catch (error) {
      // Stored templates were checked when written: a failure here is a server fault, not the client's.
      throw new Error(`stored template of ${id} v${version} does not parse: ${(error as Error).message}`)
    }
    const { variables } = source
    const { defaults, typed } = variableRules(variables)
    const hasIncludes = parsed.includes !== undefined || (chat?.entries.some((entry) => 'parsed' in entry && entry.parsed.includes !== undefined) ?? false)
    const size = chat === null ? source.template.length : (source.messages ?? []).reduce((sum, entry) => sum + ('content' in entry ? entry.content.length : 0), 0)
    const compiled: CompiledVersion = {
      parsed, chat, config: source.config, typed, variables, hasIncludes, names: new Set(chat?.variables ?? parsed.variables), defaults, size
    }
    this.cache.set(key, compiled, compiled.size)
    return compiled
  }
}

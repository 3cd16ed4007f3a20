// request.log, made only when something logs through it. Fastify gives every request a child logger bound to its
// request id; pino's child() costs a few microseconds, and most requests log only their one request line, which
// request-logging writes through the app's logger with the id itself.
import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions } from 'pino'

type Log = (...args: unknown[]) => void

// Methods on the prototype, not per-instance closures: one small object per request.
class LazyChildLogger {
  private made: FastifyBaseLogger | undefined

  constructor (private readonly parent: FastifyBaseLogger, private readonly bindings: Bindings, private readonly options: ChildLoggerOptions) {}

  private get real (): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options)
    return this.made
  }

  get level (): string { return this.made?.level ?? this.options.level ?? this.parent.level }
  set level (level: string) { this.real.level = level }

  fatal (...args: unknown[]): void { (this.real.fatal as Log).apply(this.real, args) }
  error (...args: unknown[]): void { (this.real.error as Log).apply(this.real, args) }
  warn (...args: unknown[]): void { (this.real.warn as Log).apply(this.real, args) }
  info (...args: unknown[]): void { (this.real.info as Log).apply(this.real, args) }
  debug (...args: unknown[]): void { (this.real.debug as Log).apply(this.real, args) }
  trace (...args: unknown[]): void { (this.real.trace as Log).apply(this.real, args) }
  silent (...args: unknown[]): void { (this.real.silent as Log).apply(this.real, args) }

  child (bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options)
  }
}

export const lazyChildLogger = (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger =>
  new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger

// The counter store behind the rate limiter. With REDIS_URL every instance counts in Redis, so they share each
// budget. When Redis cannot be reached the service keeps answering: each instance counts in its own memory, with the
// same budgets, until Redis is back (fail-open to per-instance limits). Failing closed would turn a Redis outage
// into an outage of the whole API; failing fully open would drop every limit. Both transitions are logged once.
import { once } from 'node:events'
import { createRequire } from 'node:module'
import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'

export interface CounterResult {
  current: number
  ttl: number
}
type Callback = (error: Error | null, result?: CounterResult) => void

/** The store contract of @fastify/rate-limit's stores. */
export interface CounterStore {
  incr: (key: string, callback: Callback, timeWindow: number, max: number) => void
  read: (key: string, callback: Callback, timeWindow: number, max: number) => void
  child: (routeOptions: never) => CounterStore
}

const require = createRequire(import.meta.url)
// The plugin's own stores: LRU-bounded memory (5000 callers), and Redis through an atomic Lua script.
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => CounterStore
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, namespace?: string) => CounterStore

export const REDIS_NAMESPACE = 'promptshelf:ratelimit:'
/** How long a Redis command may take before the request is counted in memory instead. */
const REDIS_COMMAND_TIMEOUT_MS = 250
/** How long start-up waits for Redis before it serves with per-instance limits. */
const REDIS_STARTUP_WAIT_MS = 2000
/** After a failed command, Redis is left alone this long, so a hung Redis does not slow every request. */
const REDIS_COOLDOWN_MS = 1000

export interface LimiterStore {
  /** Counts a request against a bucket: the callback gets the count in the bucket's window and the window's rest. */
  counter: CounterStore
  /** True while counts go to Redis (always false without REDIS_URL). */
  shared: () => boolean
  close: () => Promise<void>
}

export function memoryLimiterStore (): LimiterStore {
  return { counter: new LocalStore(false, false), shared: () => false, close: async () => {} }
}

class FailoverStore implements CounterStore {
  constructor (
    private readonly primary: CounterStore,
    private readonly fallback: CounterStore,
    private readonly redis: RedisHealth
  ) {}

  incr (key: string, callback: Callback, timeWindow: number, max: number): void {
    this.run('incr', key, callback, timeWindow, max)
  }

  read (key: string, callback: Callback, timeWindow: number, max: number): void {
    this.run('read', key, callback, timeWindow, max)
  }

  child (routeOptions: never): CounterStore {
    return new FailoverStore(this.primary.child(routeOptions), this.fallback.child(routeOptions), this.redis)
  }

  private run (method: 'incr' | 'read', key: string, callback: Callback, timeWindow: number, max: number): void {
    if (!this.redis.usable()) {
      this.fallback[method](key, callback, timeWindow, max)
      return
    }
    this.primary[method](key, (error, result) => {
      if (error) {
        this.redis.failed(error)
        this.fallback[method](key, callback, timeWindow, max)
        return
      }
      this.redis.succeeded()
      callback(null, result)
    }, timeWindow, max)
  }
}

/** Whether Redis is worth asking, and the log lines when it goes away and comes back. */
class RedisHealth {
  private available = true
  private skipUntil = 0

  constructor (private readonly redis: Redis, private readonly log: FastifyBaseLogger) {}

  usable (): boolean {
    return this.redis.status === 'ready' && (this.skipUntil === 0 || Date.now() >= this.skipUntil)
  }

  shared (): boolean {
    return this.available && this.redis.status === 'ready'
  }

  failed (error: Error): void {
    this.skipUntil = Date.now() + REDIS_COOLDOWN_MS
    if (!this.available) return
    this.available = false
    this.log.warn({ err: { message: error.message } }, 'rate limiter: Redis is unreachable; limits are kept per instance in memory until it is back')
  }

  succeeded (): void {
    this.skipUntil = 0
    if (this.available) return
    this.available = true
    this.log.info('rate limiter: Redis is reachable again; limits are shared across instances')
  }
}

export async function redisLimiterStore (url: string, log: FastifyBaseLogger): Promise<LimiterStore> {
  const redis = new Redis(url, {
    // Commands fail at once while disconnected, so a request is never held up waiting for Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2000)
  })
  const health = new RedisHealth(redis, log)
  redis.on('error', (error: Error) => health.failed(error))
  redis.on('ready', () => health.succeeded())

  try {
    await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, REDIS_STARTUP_WAIT_MS).unref())])
  } catch {
    // An 'error' before 'ready' ends the wait; health.failed has logged it.
  }
  if (redis.status !== 'ready') health.failed(new Error(`no connection to Redis within ${REDIS_STARTUP_WAIT_MS} ms`))

  const store = new FailoverStore(new RedisStore(false, false, redis, REDIS_NAMESPACE), new LocalStore(false, false), health)
  return {
    counter: store,
    shared: () => health.shared(),
    close: async () => { redis.disconnect() }
  }
}

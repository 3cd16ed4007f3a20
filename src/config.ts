// Environment -> typed, validated configuration. Read once at start and passed in.
import { join } from 'node:path'
import { projectRoot } from './project-root.js'

export interface Config {
  port: number
  host: string
  databasePath: string
  logLevel: string
  adminApiKey: string | undefined
  redisUrl: string | undefined
  /** Which proxies may set X-Forwarded-For: none (false), any (true), or only these addresses/CIDRs. */
  trustProxy: boolean | string[]
  rateLimit: {
    anonymousMax: number
    keyMax: number
    windowSeconds: number
  }
  /** Seed the store from seed/PROMPTS.md at start when it holds no prompts. */
  seedOnStart: boolean
  /** Labels that only keys with the scope labels:promote (or admin) may move, split or remove. */
  protectedLabels: string[]
  webhooks: WebhookConfig
  /** A token that reads /metrics as `Authorization: Bearer <token>` (besides admin keys). */
  metricsToken: string | undefined
  /** Origins allowed to call the API from a browser; empty: CORS off. */
  corsOrigins: string[]
  /** Event-loop delay past which requests are refused with 503 (0: never). */
  overloadMaxEventLoopDelayMs: number
  /** Browser origins allowed to call POST /mcp; a request with any other Origin header is refused (DNS rebinding). */
  mcpAllowedOrigins: string[]
  /** The built web app (npm run build writes it), served under /app/. */
  webAppDir: string
}

export interface WebhookConfig {
  /** AES-256-GCM key for the signing secrets at rest; undefined: a key file beside the database. */
  secretsKey: Buffer | undefined
  allowPrivateNetworks: boolean
  /** The first retry comes after about this long; each next one after twice as long. */
  retryBaseMs: number
  /** How long a delivery is retried before it is marked failed. */
  retryWindowMs: number
  timeoutMs: number
  maxInFlight: number
  maxSubscriptions: number
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function integer (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

function boolean (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false
  throw new ConfigError(`${name} must be true or false, got "${raw}"`)
}

function corsOrigins (raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return []
  const origins = raw.split(',').map((item) => item.trim()).filter((item) => item !== '')
  for (const origin of origins) {
    // An origin is scheme://host[:port], nothing after it: what browsers send in Origin.
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) throw new ConfigError(`CORS_ORIGINS must be origins like https://app.example.com separated by commas, got "${origin}"`)
  }
  return origins
}

function trustProxy (raw: string | undefined): boolean | string[] {
  if (raw === undefined || raw.trim() === '') return false
  const value = raw.trim()
  if (/^(true|false|yes|no|on|off|1|0)$/i.test(value)) return boolean({ TRUST_PROXY: value }, 'TRUST_PROXY', false)
  const addresses = value.split(',').map((item) => item.trim())
  if (addresses.every((item) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(item))) return addresses
  throw new ConfigError(`TRUST_PROXY must be true, false, or the proxies' addresses/CIDRs separated by commas, got "${raw}"`)
}

function secretsKey (raw: string | undefined): Buffer | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  const key = Buffer.from(raw.trim(), 'base64')
  if (key.length !== 32) throw new ConfigError('WEBHOOK_SECRETS_KEY must be the base64 of 32 bytes (openssl rand -base64 32)')
  return key
}

function protectedLabels (raw: string | undefined): string[] {
  if (raw === undefined) return ['production']
  const labels = raw.split(',').map((label) => label.trim()).filter((label) => label !== '')
  const bad = labels.find((label) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(label) || label.length > 50)
  if (bad !== undefined) throw new ConfigError(`PROTECTED_LABELS must be label slugs separated by commas, got "${bad}"`)
  return labels
}

function origins (name: string, raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return []
  return raw.split(',').map((item) => {
    const origin = item.trim()
    let parsed: URL | undefined
    try { parsed = new URL(origin) } catch {}
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`${name} takes origins like https://app.example.com separated by commas, got "${origin}"`)
    }
    return origin
  })
}

export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL || 'info'
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`)
  const adminApiKey = env.ADMIN_API_KEY || undefined
  // The shape every presented key must have (see plugins/auth.ts), or the key could never be used.
  if (adminApiKey !== undefined && !/^[\x21-\x7e]{16,200}$/.test(adminApiKey)) {
    throw new ConfigError('ADMIN_API_KEY must be 16 to 200 printable ASCII characters without spaces')
  }
  const metricsToken = env.METRICS_TOKEN || undefined
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,200}$/.test(metricsToken)) {
    throw new ConfigError('METRICS_TOKEN must be 16 to 200 printable ASCII characters without spaces')
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databasePath: env.DATABASE_PATH || join(projectRoot, 'data', 'promptshelf.db'),
    logLevel,
    adminApiKey,
    redisUrl: env.REDIS_URL || undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
    rateLimit: {
      anonymousMax: integer(env, 'RATE_LIMIT_ANON_MAX', 60, 1, 1_000_000_000),
      keyMax: integer(env, 'RATE_LIMIT_KEY_MAX', 600, 1, 1_000_000_000),
      windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400)
    },
    seedOnStart: boolean(env, 'SEED_ON_START', true),
    protectedLabels: protectedLabels(env.PROTECTED_LABELS),
    webhooks: {
      secretsKey: secretsKey(env.WEBHOOK_SECRETS_KEY),
      allowPrivateNetworks: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', false),
      retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 10_000, 1, 3_600_000),
      retryWindowMs: integer(env, 'WEBHOOK_RETRY_WINDOW_MS', 24 * 3_600_000, 1, 30 * 24 * 3_600_000),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      maxInFlight: integer(env, 'WEBHOOK_MAX_IN_FLIGHT', 16, 1, 1000),
      maxSubscriptions: integer(env, 'WEBHOOK_MAX_SUBSCRIPTIONS', 100, 1, 10_000)
    },
    metricsToken,
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    overloadMaxEventLoopDelayMs: integer(env, 'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 60_000),
    mcpAllowedOrigins: origins('MCP_ALLOWED_ORIGINS', env.MCP_ALLOWED_ORIGINS),
    webAppDir: env.WEB_APP_DIR || join(projectRoot, 'dist', 'web')
  }
}

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
  /** The built web app (npm run build writes it), served under /app/. */
  webAppDir: string
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

function trustProxy (raw: string | undefined): boolean | string[] {
  if (raw === undefined || raw.trim() === '') return false
  const value = raw.trim()
  if (/^(true|false|yes|no|on|off|1|0)$/i.test(value)) return boolean({ TRUST_PROXY: value }, 'TRUST_PROXY', false)
  const addresses = value.split(',').map((item) => item.trim())
  if (addresses.every((item) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(item))) return addresses
  throw new ConfigError(`TRUST_PROXY must be true, false, or the proxies' addresses/CIDRs separated by commas, got "${raw}"`)
}

export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL || 'info'
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`)
  const adminApiKey = env.ADMIN_API_KEY || undefined
  // The shape every presented key must have (see plugins/auth.ts), or the key could never be used.
  if (adminApiKey !== undefined && !/^[\x21-\x7e]{16,200}$/.test(adminApiKey)) {
    throw new ConfigError('ADMIN_API_KEY must be 16 to 200 printable ASCII characters without spaces')
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
    webAppDir: env.WEB_APP_DIR || join(projectRoot, 'dist', 'web')
  }
}

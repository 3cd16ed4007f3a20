// Who is calling and what they may do: the scopes a key can hold and the principal a request runs as.
// Known to the auth plugin, the key service, the schemas and the CLI alike.

export const SCOPES = ['prompts:read', 'prompts:write', 'labels:promote', 'admin'] as const
export type Scope = typeof SCOPES[number]

export interface Principal {
  kind: 'anonymous' | 'key'
  /** Stable id of the key (rate-limit bucket, idempotency scope); null when anonymous. */
  keyId: string | null
  /** Shown in version history as the author. */
  name: string
  scopes: readonly Scope[]
  /** The key's own request budget; absent when the service default applies. */
  rateLimit?: Readonly<{ max: number, windowSeconds: number }>
}

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous', keyId: null, name: 'anonymous', scopes: Object.freeze(['prompts:read'] as Scope[]) })

/** admin holds every scope; prompts:write includes reading. */
export function holdsScope (principal: Principal, scope: Scope): boolean {
  if (principal.scopes.includes('admin')) return true
  if (scope === 'prompts:read') return principal.scopes.includes('prompts:read') || principal.scopes.includes('prompts:write')
  return principal.scopes.includes(scope)
}

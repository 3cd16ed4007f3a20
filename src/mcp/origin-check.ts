// DNS-rebinding protection, as the MCP transport specification requires: a page on a hostile name that resolves to
// this server is same-origin for the browser, so only its Origin header gives it away. Requests without Origin
// (MCP clients, curl) pass; a browser page passes only from an origin listed in MCP_ALLOWED_ORIGINS.

/** Why a request's Origin is refused, or undefined when it may proceed. */
export function originRefusal (origin: string | string[] | undefined, allowed: ReadonlySet<string>): string | undefined {
  if (origin === undefined) return undefined
  const value = Array.isArray(origin) ? origin.join(', ') : origin
  if (allowed.has(value)) return undefined
  return `requests from the origin ${JSON.stringify(value.slice(0, 200))} are refused: MCP_ALLOWED_ORIGINS lists the browser origins that may call /mcp`
}

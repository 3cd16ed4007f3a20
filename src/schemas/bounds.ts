// Bounds shared by request and response schemas, so that every integer, string and list in the OpenAPI
// document says how large it can be (generated clients and gateways read them; validators enforce them).
export const MAX_INT32 = 2_147_483_647

/** A version number: 1 up to the largest 32-bit integer (larger numbers are a 400, not a lossy message). */
export const VERSION_BOUNDS = { format: 'int32', minimum: 1, maximum: MAX_INT32 } as const

/** A count of things (prompts, renders, matches). */
export const COUNT_BOUNDS = { format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const

/** An ISO 8601 timestamp as the service writes it (2026-01-01T00:00:00.000Z). */
export const TIMESTAMP_BOUNDS = { format: 'date-time', maxLength: 40 } as const

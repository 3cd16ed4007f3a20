// A version's `config`: any JSON object (model, temperature, …), bounded in size and depth. Pure.
import { BadRequestError } from './errors.js'

export type PromptConfig = Record<string, unknown>

export const MAX_CONFIG_BYTES = 16 * 1024
export const MAX_CONFIG_DEPTH = 32

/** Throws a 400 pointing at `pointer` unless `value` is a JSON object within the limits. */
export function checkConfig (value: unknown, pointer = '#/config'): PromptConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError('config must be a JSON object, such as {"model": "gpt-4o", "temperature": 0.2}',
      [{ pointer, detail: 'must be an object' }])
  }
  // Iterative, and stops at the first level past the limit: a deep body cannot exhaust the stack.
  const stack: Array<{ node: unknown, depth: number }> = [{ node: value, depth: 1 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (depth > MAX_CONFIG_DEPTH) {
      throw new BadRequestError(`config nests deeper than ${MAX_CONFIG_DEPTH} levels`, [{ pointer, detail: `nests deeper than ${MAX_CONFIG_DEPTH} levels` }])
    }
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 })
  }
  const bytes = Buffer.byteLength(JSON.stringify(value))
  if (bytes > MAX_CONFIG_BYTES) {
    throw new BadRequestError(`config is ${bytes} bytes of JSON; at most ${MAX_CONFIG_BYTES} are kept`, [{ pointer, detail: `is over ${MAX_CONFIG_BYTES} bytes` }])
  }
  return value as PromptConfig
}

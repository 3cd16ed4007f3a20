// The promptshelf API client: openapi-fetch over the types generated from the service's OpenAPI document, so every
// path, parameter, body and answer is checked by the compiler.
import createFetchClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, operations, paths } from './schema.js'

export type { components, operations, paths }
export type Prompt = components['schemas']['Prompt']
export type Problem = components['schemas']['Problem']
export type PromptshelfClient = Client<paths>

export interface PromptshelfClientOptions {
  /** Where the service answers, e.g. http://localhost:3000. */
  baseUrl: string
  /** An API key (psk_…), sent as `Authorization: Bearer <key>`. Without one the client reads and renders anonymously. */
  apiKey?: string
  /** Another fetch (tests, proxies); the global fetch by default. */
  fetch?: ClientOptions['fetch']
  /** Headers sent with every request. */
  headers?: Record<string, string>
}

export function createClient ({ baseUrl, apiKey, fetch, headers = {} }: PromptshelfClientOptions): PromptshelfClient {
  const client = createFetchClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ...(fetch ? { fetch } : {}),
    headers: apiKey ? { ...headers, authorization: `Bearer ${apiKey}` } : headers
  })
  return client
}

// The SDK's own MCP client over Streamable HTTP, connected (initialized) to a promptshelf /mcp URL.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

export async function connect (url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'promptshelf-test', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }))
  return client
}

// The bench's render of a prompt with two partials: the prompts are created through the API at bench start.

export interface PartialsTarget {
  name: string
  method: 'POST'
  path: string
  body: string
}

const PROMPTS = [
  { id: 'bench-style', category: 'sagas', template: 'Answer in a {{tone}} tone and name every compensation.' },
  { id: 'bench-signature', category: 'sagas', template: 'Keep it under {{max_words}} words.', variables: [{ name: 'max_words', type: 'integer', default: 300 }] },
  { id: 'bench-with-partials', category: 'sagas', template: '{{> bench-style}} Design a Saga pattern for a {{specific_distributed_transaction}} using Restate. {{> bench-signature}}' }
]

/** Creates the partials and the prompt that includes them on the server at `url`; the target renders it. */
export async function partialsRenderTarget (url: string, adminKey: string): Promise<PartialsTarget> {
  for (const prompt of PROMPTS) {
    const res = await fetch(`${url}/v1/prompts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify(prompt)
    })
    if (res.status !== 201) throw new Error(`creating ${prompt.id} answered ${res.status}: ${await res.text()}`)
  }
  return {
    name: 'POST …/render, a prompt with two partials',
    method: 'POST',
    path: '/v1/prompts/bench-with-partials/render',
    body: JSON.stringify({ variables: { tone: 'plain', specific_distributed_transaction: 'hotel booking' } })
  }
}

// Runs the real server (src/server.ts) as a child process on 127.0.0.1 and an ephemeral port.
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { projectRoot } from '../../src/project-root.js'

export interface ChildServer {
  child: ChildProcess
  baseUrl: string
  /** Every line the server has written to stdout so far. */
  lines: string[]
  stderr: () => string
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>
}

export interface ChildResult {
  code: number | string
  stdout: string
  stderr: string
}

function launch (env: Record<string, string>): { child: ChildProcess, lines: string[], stderr: () => string, exited: Promise<number | string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src', 'server.ts')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  let stdoutRest = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (stdoutRest + chunk.toString()).split('\n')
    stdoutRest = parts.pop()!
    lines.push(...parts)
  })
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      if (stdoutRest !== '') lines.push(stdoutRest)
      resolve(code ?? signal ?? -1)
    })
  })
  return { child, lines, stderr: () => stderr, exited }
}

/** Starts the server and waits (at most timeoutMs) until it says where it listens. */
export async function startChildServer (env: Record<string, string>, timeoutMs = 20_000): Promise<ChildServer> {
  const started = launch(env)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    for (const line of started.lines) {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
      if (match) return { ...started, baseUrl: match[1]! }
    }
    const ended = await Promise.race([started.exited, new Promise((resolve) => setTimeout(resolve, 50, 'running'))])
    if (ended !== 'running') throw new Error(`server exited with ${String(ended)}: ${started.stderr()}`)
  }
  started.child.kill('SIGKILL')
  throw new Error(`server did not start within ${timeoutMs} ms: ${started.stderr()}`)
}

/** Runs the server until it exits by itself (for start-up failures), killing it after timeoutMs. */
export async function runChildServerToExit (env: Record<string, string>, timeoutMs = 20_000): Promise<ChildResult> {
  const started = launch(env)
  const timer = setTimeout(() => started.child.kill('SIGKILL'), timeoutMs)
  const code = await started.exited
  clearTimeout(timer)
  return { code, stdout: started.lines.join('\n'), stderr: started.stderr() }
}

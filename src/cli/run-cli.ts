// Shared shape of promptshelf's command-line entry points: print the result, or a one-line error and exit 1.
export function runCli (task: () => string | Promise<string>): void {
  Promise.resolve().then(task).then((message) => {
    process.stdout.write(message + '\n')
  }, (error: unknown) => {
    process.stderr.write(`promptshelf: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}

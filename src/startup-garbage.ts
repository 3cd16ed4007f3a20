// One full garbage collection once promptshelf is ready, before its first request.
// Compiling every route's schemas (Ajv, fast-json-stringify) makes thousands of short-lived plain objects, each
// with a generated first property name. V8 records each as a transition of the plain-object map, up to a limit;
// while the dead ones are still recorded, no new shape can be shared, so every request's headers object got a map
// of its own and each request cost about 20 µs more of CPU. Only a full collection clears them, and a steady load
// may not cause one for a long time.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export function collectStartupGarbage (): void {
  // The flag applies to contexts made after it: a new one exposes gc() without exposing it to the app's own code.
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as (() => void) | undefined
  gc?.()
}

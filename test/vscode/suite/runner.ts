// A small test runner for the extension host (code-server's or desktop VS Code's): the host calls
// run() and reads its promise; lines go to the console, which the e2e driver forwards.

/** Every console line of the suite starts with this, so the driver can pick them out of the page's console. */
export const LINE_PREFIX = '[rawsync-suite] ';

type TestBody = () => Promise<void>;
const tests: { name: string; body: TestBody; timeoutMs: number }[] = [];

export function test(name: string, body: TestBody, timeoutMs = 60_000): void {
  tests.push({ name, body, timeoutMs });
}

export function log(line: string): void {
  for (const part of line.split('\n')) console.log(LINE_PREFIX + part);
}

function withTimeout(body: TestBody, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" did not finish in ${ms} ms`)), ms);
  });
  return Promise.race([body(), timeout]).finally(() => clearTimeout(timer));
}

/** Runs the registered tests in order; rejects when any failed. */
export async function runAll(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(t.body, t.timeoutMs, t.name);
      passed++;
      log(`ok - ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      log(`not ok - ${t.name}\n${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './paths';

/** Debian's Chromium (`apt-get install -y chromium`); RAWSYNC_CHROMIUM points elsewhere. */
const CHROMIUM = process.env.RAWSYNC_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Where browser tests keep their screenshots (CI keeps the folder as artifacts). */
export const ARTIFACTS = path.join(repoRoot(), 'test-artifacts');

/**
 * The options for a test that needs Chromium: on a machine without it (a fresh clone where only
 * `npm test` ran) the test is skipped with the reason in the runner's output; under CI
 * (`CI=true`, whose .ci/run installs Chromium) it always runs, and fails if Chromium is missing.
 */
export function needsChromium(): { skip?: string } {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return {};
  return { skip: `not run: Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium, or bash scripts/e2e-install.sh; CI installs it and runs this test)` };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set RAWSYNC_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true, timeout: 60_000 });
}

/** Records CSP violations from before the page's own script runs (an init script is not bound by the CSP). */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective}: ${event.blockedURI}`));
  });
}

export const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** Appends an inline script without a nonce; true when it ran (it must not, under our CSPs). */
export function injectedScriptRuns(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { injected?: boolean }).injected === true;
  });
}

// Renders the marketplace icon, images/icon.png (256x256, transparent corners), from images/icon.svg
// with Debian's headless chromium. Run it after editing the SVG and commit both files.
// Usage: node scripts/write-icon.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const svg = path.join(root, 'images', 'icon.svg');
const png = path.join(root, 'images', 'icon.png');
const size = 256;
const profile = mkdtempSync(path.join(tmpdir(), 'rawsync-icon-'));
try {
  execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${profile}`,
    '--default-background-color=00000000', `--window-size=${size},${size}`, `--screenshot=${png}`, pathToFileURL(svg).href,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
} finally {
  rmSync(profile, { recursive: true, force: true });
}
const header = readFileSync(png);
console.log(`write-icon: images/icon.png ${header.readUInt32BE(16)}x${header.readUInt32BE(20)}, ${header.length} bytes`);

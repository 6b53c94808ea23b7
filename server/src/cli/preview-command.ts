import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError, type CliArgs } from './args';
import { loadWorkspace } from './load-workspace';
import { relativeFile } from '../frontends/relative-file';
import { previewHtml } from './preview-html';
import { loadEngine } from '../engine/sqljs';
import { simulatePreview } from '../engine/sync-scenario';
import { previewReport } from '../engine/preview-report';

/** The browser bundle esbuild.mjs writes beside the CLI, inlined into the HTML report. */
function readWebviewBundle(distDir: string): { script: string; css: string } {
  const dir = path.join(distDir, 'webview');
  try {
    return { script: readFileSync(path.join(dir, 'preview.js'), 'utf8'), css: readFileSync(path.join(dir, 'preview.css'), 'utf8') };
  } catch {
    throw new UsageError(`the preview's browser bundle is missing from ${dir}; run node esbuild.mjs`);
  }
}

/**
 * `rawsync preview [PATH] --format json`: the derived schema and the sync simulated in the real
 * PowerSync core. `--out FILE.html`: the same, as a standalone report (data and code inlined, no
 * network). Exit 0 whatever the simulation shows: the preview reports, `check` judges.
 * The only file written is the --out file.
 */
export async function previewCommand(args: CliArgs, wasmDir: string): Promise<number> {
  const html = args.out !== undefined || args.format === 'html';
  if (args.format === 'html' && args.out === undefined) throw new UsageError('preview --format html needs --out FILE.html');
  if (!html && args.format !== 'json') throw new UsageError('preview needs --format json or --out FILE.html');
  if (args.out !== undefined && args.format === 'json') throw new UsageError('preview takes either --out FILE.html or --format json, not both');
  const bundle = html ? readWebviewBundle(wasmDir) : undefined;
  const { analyzer, base } = await loadWorkspace(args.paths, wasmDir);
  const model = analyzer.model();
  const simulation = simulatePreview(await loadEngine(wasmDir), model);
  const report = previewReport(model, simulation, (uri) => relativeFile(uri, base));
  if (bundle && args.out !== undefined) {
    const title = `Rawsync preview: ${path.basename(path.resolve(args.paths[0] ?? '.'))}`;
    writeFileSync(args.out, previewHtml(report, { ...bundle, title }));
    process.stderr.write(`rawsync: wrote ${args.out}\n`);
    return 0;
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return 0;
}

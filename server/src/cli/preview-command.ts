import { UsageError, type CliArgs } from './args';
import { loadWorkspace } from './load-workspace';
import { relativeFile } from './relative-path';
import { schemaReport } from '../model/schema-report';
import { loadEngine } from '../engine/sqljs';
import { simulatePreview } from '../engine/sync-scenario';

/**
 * `rawsync preview [PATH] --format json`: the derived schema and the sync simulated in the real
 * PowerSync core. Exit 0 whatever the simulation shows: the preview reports, `check` judges.
 */
export async function previewCommand(args: CliArgs, wasmDir: string): Promise<number> {
  if (args.out !== undefined || args.format === 'html') {
    throw new UsageError('preview --out FILE.html is not available yet (the HTML report comes with the preview panel); use --format json');
  }
  if (args.format !== 'json') throw new UsageError('preview needs --format json (the HTML report, --out FILE.html, is not available yet)');
  const { analyzer, base } = await loadWorkspace(args.paths, wasmDir);
  const model = analyzer.model();
  const simulation = simulatePreview(await loadEngine(wasmDir), model);
  const report = {
    version: 1,
    schema: schemaReport(model, (uri) => relativeFile(uri, base)),
    simulation,
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return 0;
}

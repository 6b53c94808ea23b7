import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { fixturePath } from '../support/paths';

const ORDERS_SCHEMA = 'src/commonMain/kotlin/com/example/orders/sync/OrdersSchema.kt';
const BILLING_SCHEMA = 'src/commonMain/kotlin/com/example/billing/sync/BillingSchema.kt';

/**
 * Two unrelated apps side by side: the orders app syncs a raw table `invoice` it has no table
 * for; the billing app has an `invoice` entity. Merged into one model, the orders app's mistake
 * would be hidden by the other app's entity.
 */
function copyOfApps(): { orders: string; billing: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-multi-root-'));
  cpSync(fixturePath('lsp-multi-root'), dir, { recursive: true });
  return { orders: path.join(dir, 'orders-app'), billing: path.join(dir, 'billing-app') };
}

const uriIn = (root: string, file: string) => pathToFileURL(path.join(root, file)).href;
const folder = (root: string) => ({ uri: pathToFileURL(root).href, name: path.basename(root) });

test('each workspace folder is its own app: findings stay in their app', async (t) => {
  const { orders, billing } = copyOfApps();
  const client = await LspClient.start([orders, billing], { workspace: { workspaceFolders: true } });
  t.after(() => client.stop());
  const ordersUri = uriIn(orders, ORDERS_SCHEMA);
  const billingUri = uriIn(billing, BILLING_SCHEMA);
  await client.waitFor(() => client.codes(ordersUri).length > 0 && client.codes(billingUri).length > 0, 'findings in both apps');

  // The billing app's `invoice` entity does not satisfy the orders app's raw table.
  assert.deepEqual(client.codes(ordersUri), ['missing-crud-triggers', 'raw-table-unmatched']);
  assert.deepEqual(client.codes(billingUri), ['missing-crud-triggers', 'put-not-upsert']);

  // Fixing the billing app's put changes its findings, and nothing of the orders app.
  const ordersBefore = client.diagnostics.get(ordersUri)!.diagnostics;
  const text = readFileSync(path.join(billing, BILLING_SCHEMA), 'utf8');
  const upsert = text.replace('VALUES (?, ?, ?)"', 'VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET amount_cents = excluded.amount_cents, paid = excluded.paid"');
  assert.notEqual(upsert, text);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: billingUri, languageId: 'kotlin', version: 1, text: upsert } });
  await client.waitFor(() => !client.codes(billingUri).includes('put-not-upsert'), 'put-not-upsert to go in the billing app');
  assert.deepEqual(client.diagnostics.get(ordersUri)!.diagnostics, ordersBefore);

  // Renaming the billing app's table leaves its raw table unmatched, and the orders app as it was.
  const entitiesPath = path.join(billing, 'src/commonMain/kotlin/com/example/billing/data/Entities.kt');
  const renamed = readFileSync(entitiesPath, 'utf8').replace('tableName = "invoice"', 'tableName = "invoices"');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(entitiesPath).href, languageId: 'kotlin', version: 1, text: renamed } });
  await client.waitFor(() => client.codes(billingUri).includes('raw-table-unmatched'), 'raw-table-unmatched in the billing app');
  assert.deepEqual(client.diagnostics.get(ordersUri)!.diagnostics, ordersBefore);
});

test('folders added to and removed from the workspace are indexed and dropped', async (t) => {
  const { orders, billing } = copyOfApps();
  const client = await LspClient.start(orders, { workspace: { workspaceFolders: true } });
  t.after(() => client.stop());
  const ordersUri = uriIn(orders, ORDERS_SCHEMA);
  const billingUri = uriIn(billing, BILLING_SCHEMA);
  await client.waitFor(() => client.codes(ordersUri).includes('raw-table-unmatched'), 'the orders app\'s findings');
  assert.equal(client.diagnostics.get(billingUri), undefined);

  await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder(billing)], removed: [] } });
  await client.waitFor(() => client.codes(billingUri).includes('put-not-upsert'), 'the billing app\'s findings once its folder is added');
  assert.deepEqual(client.codes(ordersUri), ['missing-crud-triggers', 'raw-table-unmatched'], 'the orders app still sees no invoice table');

  await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder(orders)] } });
  await client.waitFor(() => client.diagnostics.get(ordersUri)?.diagnostics.length === 0, 'the orders app\'s diagnostics to be cleared');
  assert.deepEqual(client.codes(billingUri), ['missing-crud-triggers', 'put-not-upsert']);
});

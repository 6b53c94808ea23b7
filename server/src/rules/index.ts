import type { Rule } from '../findings/rule';
import { schemaOrder } from './schema-order';
import { putNotUpsert } from './put-not-upsert';
import { replaceResetsLocalColumns } from './replace-resets-local-columns';
import { fkNotDeferrable } from './fk-not-deferrable';
import { missingClear } from './missing-clear';
import { rustClientRequired } from './rust-client-required';
import { statementInvalid } from './statement-invalid';
import { rawTableUnmatched } from './raw-table-unmatched';
import { missingCrudTriggers } from './missing-crud-triggers';
import { triggerUploadsLocalColumns } from './trigger-uploads-local-columns';
import { triggerUpdateNotNullSafe } from './trigger-update-not-null-safe';
import { dbPathMismatch } from './db-path-mismatch';
import { roomPoolMismatch } from './room-pool-mismatch';
import { roomDriverWithoutExtension } from './room-driver-without-extension';
import { roomInitOrder } from './room-init-order';
import { manualRoomBridge } from './manual-room-bridge';
import { notAnalyzed } from './not-analyzed';
import { viewNameClash } from './view-name-clash';
import { idNotText } from './id-not-text';
import { roomSchemaDrift } from './room-schema-drift';
import { rawTableAddedLater } from './raw-table-added-later';
import { roomIntegrationVersionMismatch } from './room-integration-version-mismatch';
import { roomFtsIntegrationVersion } from './room-fts-integration-version';
import { roomCloseOrderVersion } from './room-close-order-version';
import { withRawTablesResult } from './with-raw-tables-result';
import { rawTableOptionsIgnored } from './raw-table-options-ignored';
import { diffTriggerOnRawTable } from './diff-trigger-on-raw-table';
import { jsSdkRawTableVersion } from './js-sdk-raw-table-version';
import { jsRustClientRequired } from './js-rust-client-required';
import { dartSdkRawTableVersion } from './dart-sdk-raw-table-version';
import { syncConfigInvalid } from './sync-config-invalid';
import { putColumnNotSynced } from './put-column-not-synced';
import { syncedColumnNotStored } from './synced-column-not-stored';
import { notNullWithoutServerValue } from './not-null-without-server-value';
import { syncedTableWithoutClient } from './synced-table-without-client';
import { fkAcrossPriorities } from './fk-across-priorities';
import { uploadColumnNotInPostgres } from './upload-column-not-in-postgres';

/** Every rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  schemaOrder,
  putNotUpsert,
  replaceResetsLocalColumns,
  fkNotDeferrable,
  missingClear,
  rustClientRequired,
  statementInvalid,
  rawTableUnmatched,
  missingCrudTriggers,
  triggerUploadsLocalColumns,
  triggerUpdateNotNullSafe,
  dbPathMismatch,
  roomPoolMismatch,
  roomDriverWithoutExtension,
  roomInitOrder,
  manualRoomBridge,
  viewNameClash,
  idNotText,
  roomSchemaDrift,
  rawTableAddedLater,
  roomIntegrationVersionMismatch,
  roomFtsIntegrationVersion,
  roomCloseOrderVersion,
  withRawTablesResult,
  rawTableOptionsIgnored,
  diffTriggerOnRawTable,
  jsSdkRawTableVersion,
  jsRustClientRequired,
  dartSdkRawTableVersion,
  syncConfigInvalid,
  putColumnNotSynced,
  syncedColumnNotStored,
  notNullWithoutServerValue,
  syncedTableWithoutClient,
  fkAcrossPriorities,
  uploadColumnNotInPostgres,
  notAnalyzed,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

import type { Rule } from './rule';
import { schemaOrder } from './schema-order';
import { putNotUpsert } from './put-not-upsert';
import { replaceResetsLocalColumns } from './replace-resets-local-columns';
import { fkNotDeferrable } from './fk-not-deferrable';
import { missingClear } from './missing-clear';
import { rustClientRequired } from './rust-client-required';

/** Every rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  schemaOrder,
  putNotUpsert,
  replaceResetsLocalColumns,
  fkNotDeferrable,
  missingClear,
  rustClientRequired,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

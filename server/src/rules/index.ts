import type { Rule } from './rule';

/** Every rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

import type { SourceLocation } from '../model/location';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  uri: string;
  range: SourceLocation['range'];
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix `rawsync fix` and fix-all apply. */
  preferred?: boolean;
}

export interface RelatedLocation {
  loc: SourceLocation;
  message: string;
}

/** One problem a rule found: what will go wrong at run time, where, and how to fix it. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  loc: SourceLocation;
  related: RelatedLocation[];
  fixes: Fix[];
}

import type { ConsoleResult } from './console-query';

/** Language server → console thread. */
export type ConsoleRequest =
  | { type: 'load'; id: number; bytes: Uint8Array }
  | { type: 'query'; id: number; sql: string };

/** Console thread → language server, answering the request with the same id. */
export type ConsoleReply =
  | { type: 'loaded'; id: number }
  | { type: 'result'; id: number; result: ConsoleResult }
  | { type: 'failed'; id: number; error: string };

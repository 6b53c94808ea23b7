import type { ClassFact, FileFacts, SequencedCallFact } from './facts';
import { containsLocation, type SourceLocation } from './location';
import type { Value } from './value';

/** Callback methods Room runs once the file is created or opened. */
const READY_METHODS = new Set(['onCreate', 'onOpen']);

/**
 * Lambdas that run right away, in order with the code around them (coroutine builders start
 * their block without waiting for anything the caller did not wait for). Code inside any other
 * lambda (`lazy`, a DI `single { }`) runs whenever it is first asked for: its order is unknown.
 */
const IMMEDIATE_LAMBDAS = new Set([
  'launch', 'async', 'run', 'let', 'also', 'apply', 'with', 'withContext', 'coroutineScope', 'supervisorScope',
  'runBlocking', 'runCatching', 'collect', 'collectLatest', 'forEach', 'use', 'synchronized', 'withLock',
  'withTimeout', 'withTimeoutOrNull',
]);

/** Rounds of "a Deferred completed after a wait is itself something to wait for". */
const MAX_ROUNDS = 8;

/** Code whose place in the program's order is asked about: a PowerSyncDatabase(…) or a connect(…). */
export interface OrderedCode {
  loc: SourceLocation;
  enclosingFunction?: string;
  owner?: string[];
  enclosingLambdas?: string[];
}

export type RoomOrder = 'after-room' | 'not-after-room' | 'unknown';

/** A Job or Deferred a RoomDatabase.Callback completes in onCreate/onOpen. */
export interface RoomReadySignal {
  name: string;
  callbackClass: string;
  loc: SourceLocation;
}

/**
 * Whether code runs only after Room has created or opened its database (reference §5.3 and the
 * seed's manual bridge): after an await of a Job/Deferred that a RoomDatabase.Callback completes
 * in onCreate/onOpen, after a Room use (a DAO call or a connection use, which makes Room open the
 * file first), or after an await of a Deferred completed only after such a point. "After" means
 * later in the same block (nested lambdas included), or inside a function or class that is
 * called there (one call level, by name).
 */
export class RoomReadiness {
  readonly signals: RoomReadySignal[] = [];
  private readonly guards: SequencedCallFact[] = [];
  private readonly guardedCallables = new Set<string>();
  private calledNames = new Set<string>();
  /** What this analysis turns on: what is awaited or completed, and where completions run (mention keys). */
  private readonly words = new Set<string>();

  /**
   * `names.mention` reads the files the pre-screen passed over that mention a name this analysis
   * turns on (an await of `ready`, a caller of the function asked about), so the answer is the one
   * every file would give.
   */
  constructor(private readonly files: ReadonlyMap<string, FileFacts>, private readonly names?: { mention(words: Iterable<string>): boolean }) {
    this.settle();
  }

  private settle(): void {
    for (let round = 0; round <= MAX_ROUNDS; round++) {
      this.compute();
      if (!this.names?.mention(this.words)) return;
    }
  }

  private compute(): void {
    const files = this.files;
    this.signals.length = 0;
    this.words.clear();
    this.calledNames = new Set([...files.values()].flatMap((f) => f.calledNames ?? []));
    const sequenced = [...files.values()].flatMap((f) => f.sequencedCalls ?? []);
    const classes = [...files.values()].flatMap((f) => f.classes);
    const callbacks = new Set([...files.values()].flatMap((f) => f.roomCallbacks.map((c) => c.className)));
    const daoGetters = new Set(classes.filter(isRoomDatabaseClass).flatMap((c) => c.functions.map((fn) => fn.name)));

    for (const call of sequenced) {
      if (call.kind !== 'complete' || !READY_METHODS.has(call.enclosingFunction ?? '')) continue;
      const owner = call.owner.join('.');
      const name = lastName(call.targets[0]);
      if (name && callbacks.has(owner)) this.signals.push({ name, callbackClass: owner, loc: call.loc });
    }
    const ready = withAliases(new Set(this.signals.map((s) => s.name)), classes);
    const isGuard = (call: SequencedCallFact) =>
      call.kind === 'room-connection' ||
      (call.kind === 'getter-call' && daoGetters.has(call.name)) ||
      (call.kind === 'await' && call.targets.some((t) => ready.has(lastName(t) ?? '')));

    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.guards.splice(0, this.guards.length, ...sequenced.filter(isGuard));
      this.guardedCallables.clear();
      for (const guard of this.guards) for (const name of guard.laterCalls) this.guardedCallables.add(name);
      const before = ready.size;
      for (const call of sequenced) {
        if (call.kind !== 'complete' || !this.isAfterGuard(call)) continue;
        const name = lastName(call.targets[0]);
        if (name) ready.add(name);
      }
      for (const name of withAliases(ready, classes)) ready.add(name);
      if (ready.size === before) break;
    }
    // What other files must be read for: completions (and aliases) of what is awaited or ready,
    // and calls of the functions completions run in (see mentionedWords for the key forms).
    const completion = (name: string | undefined) => name && this.words.add(`completion:${name}`);
    for (const name of ready) completion(name);
    for (const call of sequenced) {
      if (call.kind === 'await') for (const t of call.targets) completion(lastName(t));
      const callable = call.kind === 'complete' ? callableOf(call) : undefined;
      if (callable) this.words.add(`call:${callable}`);
    }
  }

  /**
   * Where `code` runs relative to Room creating or opening its database. Unknown inside a lambda
   * that runs whenever it is asked for, and inside a function or class the workspace never calls
   * (its caller, a platform entry point or a DI container, may well wait).
   */
  orderOf(code: OrderedCode): RoomOrder {
    const callable = callableOf(code);
    // Its callers, and the waits before them, may be in files not read yet.
    if (callable !== undefined && this.names?.mention([`call:${callable}`])) this.settle();
    if (this.isAfterGuard(code)) return 'after-room';
    if ((code.enclosingLambdas ?? []).some((callee) => !IMMEDIATE_LAMBDAS.has(callee))) return 'unknown';
    if (callable !== undefined && !this.calledNames.has(callable)) return 'unknown';
    return 'not-after-room';
  }

  private isAfterGuard(code: OrderedCode): boolean {
    if (this.guards.some((g) => g.after !== undefined && containsLocation(g.after, code.loc))) return true;
    const callable = callableOf(code);
    return callable !== undefined && this.guardedCallables.has(callable);
  }
}

/** The function the code runs in, or for class-level code the class (called as its constructor). */
function callableOf(code: OrderedCode): string | undefined {
  return code.enclosingFunction ?? code.owner?.[code.owner.length - 1];
}

function isRoomDatabaseClass(c: ClassFact): boolean {
  return c.annotations.some((a) => a.name === 'Database' || a.name === 'androidx.room.Database' || a.name === 'androidx.room3.Database');
}

/** The names plus every property whose initializer or getter is just one of them (`val isReady get() = ready`). */
function withAliases(names: Set<string>, classes: ClassFact[]): Set<string> {
  const out = new Set(names);
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of classes) {
      for (const p of c.properties) {
        if (out.has(p.name)) continue;
        if ([p.getter, p.initializer].some((v) => out.has(lastName(v) ?? ''))) {
          out.add(p.name);
          changed = true;
        }
      }
    }
  }
  return out;
}

/** `ready` for `ready`, `this.ready` and `callback.ready`. */
function lastName(value: Value | undefined): string | undefined {
  if (value?.kind === 'ref') return value.name;
  if (value?.kind === 'member') return value.name;
  return undefined;
}


import { pathOf, trimIndent, trimMargin, type NameScope } from '../evaluate';
import { argumentFor, calleeName, calleeReceiver, dottedName, type CallValue, type Value } from '../value';

/**
 * Database paths as strings that two openers can be compared by. Platform directories that only
 * exist at run time are written as anchors: `<android-databases>` (Context.getDatabasePath),
 * `<android-files>`, `<ios-documents>`, `<ios-appsupport>`, `<cwd>` (a relative path's base), …
 */
export const ANDROID_DATABASES = '<android-databases>';
export const IOS_APP_SUPPORT = '<ios-appsupport>';
export const CWD = '<cwd>';

const MAX_DEPTH = 32;

/** Apple's search-path directory constants and the anchor each stands for. */
const APPLE_DIRECTORIES: Record<string, string> = {
  NSDocumentDirectory: '<ios-documents>',
  NSApplicationSupportDirectory: IOS_APP_SUPPORT,
  NSCachesDirectory: '<ios-caches>',
  NSLibraryDirectory: '<ios-library>',
};

/** Android `Context` directories read as properties (`context.filesDir`). */
const ANDROID_DIRECTORIES: Record<string, string> = {
  filesDir: '<android-files>',
  cacheDir: '<android-cache>',
  noBackupFilesDir: '<android-no-backup>',
  dataDir: '<android-data>',
};

/** `System.getProperty(key)` values that are directories. */
const SYSTEM_DIRECTORIES: Record<string, string> = {
  'user.dir': CWD,
  'user.home': '<user-home>',
  'java.io.tmpdir': '<tmp>',
};

/** True for `/x` and anchored paths: they do not depend on the working directory. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('<');
}

/** Collapses `//`, `/./` and a trailing `/` so that equal files have equal strings. */
export function canonicalPath(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  segments.forEach((segment, i) => {
    if (segment === '' && i > 0) return;
    if (segment === '.' && i > 0) return;
    if (segment === '..' && out.length > 1 && out[out.length - 1] !== '..') {
      out.pop();
      return;
    }
    out.push(segment);
  });
  return out.join('/') || '/';
}

export function joinPath(directory: string, name: string): string {
  if (isAbsolutePath(name)) return canonicalPath(name);
  return canonicalPath(`${directory}/${name}`);
}

/**
 * The path an expression evaluates to, with platform directories as anchors, or undefined when
 * any part is unknown. Knows the few APIs apps build database paths with (getDatabasePath,
 * NSFileManager/NSSearchPath directories, File, absolutePath, SQLiter's DatabaseFileContext).
 */
export function evaluatePath(value: Value | undefined, scope: NameScope, depth = 0): string | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  const next = (v: Value | undefined, s: NameScope = scope) => evaluatePath(v, s, depth + 1);
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return value.text;
    case 'template': {
      let text = '';
      for (const part of value.parts) {
        const p = next(part);
        if (p === undefined) return undefined;
        text += p;
      }
      if (value.trim?.mode === 'indent') return trimIndent(text);
      if (value.trim?.mode === 'margin') return trimMargin(text, value.trim.prefix);
      return text;
    }
    case 'ref': {
      const anchor = APPLE_DIRECTORIES[value.name];
      if (anchor) return anchor;
      return constant(value, scope, depth);
    }
    case 'member':
      return member(value.receiver, value.name, value, scope, depth);
    case 'call':
      return call(value, scope, depth);
    default:
      return undefined;
  }
}

function constant(value: Value, scope: NameScope, depth: number): string | undefined {
  const path = pathOf(value);
  const found = path ? scope.constant(path) : undefined;
  return found ? evaluatePath(found.value, found.scope, depth + 1) : undefined;
}

function member(receiver: Value, name: string, whole: Value, scope: NameScope, depth: number): string | undefined {
  if (ANDROID_DIRECTORIES[name] !== undefined && !isPathExpression(receiver)) return ANDROID_DIRECTORIES[name];
  const qualified = dottedName(whole);
  if (qualified) {
    const last = qualified.split('.').pop()!;
    if (APPLE_DIRECTORIES[last] && qualified.includes('NSSearchPathDirectory')) return APPLE_DIRECTORIES[last];
    const viaConstant = constant(whole, scope, depth);
    if (viaConstant !== undefined) return viaConstant;
  }
  const base = evaluatePath(receiver, scope, depth + 1);
  if (base === undefined) return undefined;
  switch (name) {
    case 'path':
    case 'absoluteString':
      return base;
    case 'absolutePath':
    case 'canonicalPath':
    case 'absoluteFile':
      return isAbsolutePath(base) ? canonicalPath(base) : joinPath(CWD, base);
    case 'parent':
    case 'parentFile':
      return parentOf(base);
    case 'name':
      return base.split('/').pop();
    default:
      return undefined;
  }
}

function call(value: CallValue, scope: NameScope, depth: number): string | undefined {
  const name = calleeName(value);
  const receiver = calleeReceiver(value);
  const arg = (n: string, position: number) => argumentFor(value.args, n, position)?.value;
  const next = (v: Value | undefined) => evaluatePath(v, scope, depth + 1);
  switch (name) {
    case 'getDatabasePath': {
      const file = next(arg('name', 0));
      return file === undefined ? undefined : joinPath(ANDROID_DATABASES, file);
    }
    case 'URLForDirectory':
    case 'URLsForDirectory':
    case 'NSSearchPathForDirectoriesInDomains': {
      const directory = arg('directory', 0);
      const key = directory ? dottedName(directory)?.split('.').pop() : undefined;
      return key ? APPLE_DIRECTORIES[key] : undefined;
    }
    case 'databasePath': {
      // SQLiter's DatabaseFileContext.databasePath(name, dir): Application Support/databases by default.
      if (receiver && dottedName(receiver)?.endsWith('DatabaseFileContext') !== true) return undefined;
      const file = next(arg('databaseName', 0));
      const dirValue = arg('datapathPath', 1);
      const dir = dirValue && dirValue.kind !== 'null' ? next(dirValue) : `${IOS_APP_SUPPORT}/databases`;
      return file === undefined || dir === undefined ? undefined : joinPath(dir, file);
    }
    case 'requireNotNull':
    case 'checkNotNull':
      return receiver ? undefined : next(arg('value', 0));
    case 'File':
    case 'Path':
    case 'get': {
      if (name === 'get' && receiver) {
        // `list[0]`, `Paths.get(a, b)`.
        const receiverName = dottedName(receiver);
        if (receiverName === 'Paths' || receiverName === 'java.nio.file.Paths') return joinAll(value, scope, depth);
        const index = value.args[0]?.value;
        return index?.kind === 'number' && index.value === 0 ? next(receiver) : undefined;
      }
      if (receiver) return undefined;
      return joinAll(value, scope, depth);
    }
    case 'resolve':
    case 'plus': {
      if (!receiver) return undefined;
      const base = next(receiver);
      const child = next(value.args[0]?.value);
      if (base === undefined || child === undefined) return undefined;
      return name === 'plus' ? base + child : joinPath(base, child);
    }
    case 'first':
    case 'firstOrNull':
    case 'single':
    case 'toString':
    case 'toPath':
    case 'toFile':
    case 'toURI':
    case 'removePrefix':
      if (name === 'removePrefix') {
        const prefix = next(value.args[0]?.value);
        const base = receiver ? next(receiver) : undefined;
        if (base === undefined || prefix === undefined) return undefined;
        return base.startsWith(prefix) ? base.slice(prefix.length) : base;
      }
      return value.args.length === 0 && receiver ? next(receiver) : undefined;
    case 'substringAfterLast':
    case 'substringBeforeLast': {
      const base = receiver ? next(receiver) : undefined;
      const delimiter = next(value.args[0]?.value);
      if (base === undefined || delimiter === undefined || delimiter.length === 0) return undefined;
      const at = base.lastIndexOf(delimiter);
      if (name === 'substringAfterLast') return at < 0 ? base : base.slice(at + delimiter.length);
      return at < 0 ? base : base.slice(0, at);
    }
    case 'getProperty': {
      if (!receiver || dottedName(receiver) !== 'System') return undefined;
      const key = next(value.args[0]?.value);
      return key === undefined ? undefined : SYSTEM_DIRECTORIES[key];
    }
    case 'NSHomeDirectory':
      return '<ios-home>';
    case 'NSTemporaryDirectory':
      return '<ios-tmp>';
    default:
      return undefined;
  }
}

/** `File(parent, child)`, `Path(a, b)`, `Paths.get(a, b)`: the parts joined with `/`. */
function joinAll(value: CallValue, scope: NameScope, depth: number): string | undefined {
  const parts: string[] = [];
  for (const a of value.args) {
    const p = evaluatePath(a.value, scope, depth + 1);
    if (p === undefined) return undefined;
    parts.push(p);
  }
  if (parts.length === 0) return undefined;
  return parts.slice(1).reduce((acc, p) => joinPath(acc, p), parts[0]);
}

function parentOf(path: string): string | undefined {
  const canonical = canonicalPath(path);
  const at = canonical.lastIndexOf('/');
  if (at < 0) return undefined;
  return at === 0 ? '/' : canonical.slice(0, at);
}

/** Receivers that are themselves paths (so `x.filesDir` is not Android's). */
function isPathExpression(value: Value): boolean {
  return value.kind === 'string' || value.kind === 'template';
}

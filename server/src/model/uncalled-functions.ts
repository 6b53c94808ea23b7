import type { SourceLocation } from './location';
import type { CodeScope, WorkspaceModel } from './workspace';

/** A top-level function that code runs in, which nothing in the workspace calls. */
export interface UncalledFunction {
  name: string;
  uri: string;
  loc: SourceLocation;
}

/** Entry points the runtime calls by name: Kotlin's and Dart's `main`. */
const RUNTIME_ENTRY_POINTS = new Set(['main']);

/** Modifiers of functions called without their name written (`a + b`, `a()` on an `invoke`). */
const CALLED_WITHOUT_NAME = new Set(['operator', 'default']);

/**
 * Exported names that JavaScript frameworks and hosts call by convention (route loaders and
 * handlers, serverless handlers, editor extensions' activation): an export by one of these names
 * may run although nothing in the workspace names it.
 */
const FRAMEWORK_EXPORTS = new Set([
  'handler', 'loader', 'action', 'load', 'middleware', 'getServerSideProps', 'getStaticProps', 'getInitialProps',
  'generateStaticParams', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'activate', 'deactivate',
  'setup', 'register', 'init', 'bootstrap', 'mount', 'unmount', 'fetch', 'scheduled', 'onRequest',
]);

/**
 * Words of a Kotlin Multiplatform build with Apple targets: Kotlin/Native exports the public
 * functions of shared code to Swift and Objective-C, which Rawsync does not read.
 */
const APPLE_TARGET_WORDS = [
  'iosArm64', 'iosX64', 'iosSimulatorArm64', 'ios', 'iosMain', 'appleMain', 'macosArm64', 'macosX64', 'tvosArm64',
  'watchosArm64', 'cocoapods', 'XCFramework',
];

/** Component files that import the app's modules and are not read (`.vue`, `.svelte`, `.astro`). */
const UNREAD_COMPONENT_FRAMEWORKS = ['vue', 'svelte', 'astro'];

/**
 * The function code in `scope` runs in, when that is a top-level function the workspace provably
 * never calls: no file names it anywhere but at its one declaration (comments on lines of their own left out; a name in
 * a string counts, as a call by name may use it). Undefined whenever that cannot be told: code
 * outside any function or in a class (a framework may call a method: callbacks, overrides,
 * lifecycle methods), an annotated function (generated code or a framework may call it, or a
 * `@JvmName` rename it), a runtime entry point, an operator, a default export (importers call it
 * by their own name), an export a framework calls by convention or one that component files Rawsync
 * does not read may import, a public Kotlin function of shared code in a build with Apple targets
 * (Swift may call it), and a model whose files' texts are not at hand.
 */
export function uncalledFunction(model: WorkspaceModel, scope: CodeScope): UncalledFunction | undefined {
  const name = scope.enclosingFunction;
  if (name === undefined || scope.owner.length > 0 || RUNTIME_ENTRY_POINTS.has(name)) return undefined;
  const facts = model.files.get(scope.uri);
  const declared = (facts?.functions ?? []).filter((f) => f.name === name);
  if (!facts || declared.length !== 1) return undefined;
  const [fn] = declared;
  if (fn.annotations.length > 0 || fn.modifiers.some((m) => CALLED_WITHOUT_NAME.has(m))) return undefined;
  const exportedToSwift = facts.language === 'kotlin' && facts.platform !== 'android' && facts.platform !== 'jvm'
    && !fn.modifiers.some((m) => m === 'private' || m === 'internal')
    && (facts.platform === 'ios' || APPLE_TARGET_WORDS.some((w) => model.names.mentionCount(w) !== 0));
  if (exportedToSwift) return undefined;
  if (fn.modifiers.includes('export') && (FRAMEWORK_EXPORTS.has(name) || UNREAD_COMPONENT_FRAMEWORKS.some((w) => model.names.mentionCount(w) !== 0))) {
    return undefined;
  }
  return model.names.mentionCount(name) === 1 ? { name, uri: scope.uri, loc: fn.loc } : undefined;
}

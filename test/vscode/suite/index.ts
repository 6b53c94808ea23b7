// The extension-host suite: the host loads this module (extensionTestsPath) and calls run().
import { runAll } from './runner';
import './extension.suite';

export function run(): Promise<void> {
  return runAll();
}

#!/usr/bin/env node
// The published entry point: the CLI is bundled into dist/cli.js by esbuild.mjs.
require('../dist/cli.js');

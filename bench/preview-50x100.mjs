// Kept for the commands in bench/README.md: the same as `node bench/run.mjs preview-50x100`.
process.argv.splice(2, 0, 'preview-50x100');
await import('./run.mjs');

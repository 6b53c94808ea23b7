/** esbuild bundles an imported stylesheet into preview.css beside preview.js. */
declare module '*.css';

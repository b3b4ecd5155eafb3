#!/usr/bin/env node
// Package entry point: runs the bundled CLI (built by `npm run build`, also on `npm install`).
await import('../dist/triage.mjs');

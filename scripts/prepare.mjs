#!/usr/bin/env node
// Runs at the end of `npm ci` / `npm install` (the `prepare` script): builds the web UI and readies
// the embedded database (migrations and, unless OPENUM_DEMO=false, the demo tenant), so that
// `npm start` only has to open it. Preparing the database is best-effort: `openum serve` does the
// same on start if it did not happen here. Set OPENUM_SKIP_PREPARE_DB=1 to skip it (CI does).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });

const web = run([join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
if (web.status !== 0) process.exit(web.status ?? 1);

if (process.env.OPENUM_SKIP_PREPARE_DB === '1' || (process.env.DATABASE_URL ?? '') !== '') process.exit(0);
const db = run([join(root, 'bin', 'openum.mjs'), 'prepare']);
if (db.status !== 0) console.warn('openum: the embedded database was not prepared now; `npm start` will prepare it.');

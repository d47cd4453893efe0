#!/usr/bin/env node
// The `openum` command. Runs the TypeScript sources through tsx, so the command works straight
// after `npm ci` with no separate server build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv);

#!/usr/bin/env node
// `npm run bench [-- name ...]`: runs the benchmark scripts under bench/. Each script
// `bench/<name>.ts` exports `default async function run(args: string[]): Promise<void>`, prints its
// figures and measures its own baseline in the same run. With no name, every script in the
// default set runs.
import { register } from 'tsx/esm/api';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const all = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3));
// Heavy benchmarks that seed millions of rows run only when named.
const heavy = new Set(['queue', 'queue-page']);
const [, , ...rest] = process.argv;
const names = rest.filter((a) => !a.startsWith('-'));
const selected = names.length > 0 ? names : all.filter((n) => !heavy.has(n));
for (const name of selected) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n# bench ${name}`);
  const mod = await import(join(dir, `${name}.ts`));
  await mod.default(rest.filter((a) => a.startsWith('-')));
}

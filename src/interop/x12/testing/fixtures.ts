import { readFileSync } from 'node:fs';
import type { X12Document } from '../document';
import { readInterchange, type ReadOptions, type X12ReadResult } from '../read';

/** Text of a file of test/fixtures/x12. */
export const fixture = (name: string): string => readFileSync(new URL(`../../../../test/fixtures/x12/${name}`, import.meta.url), 'utf8');

/** Every document of the accepted sets of a read. */
export const documents = (r: X12ReadResult): X12Document[] =>
  r.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactions.flatMap((t) => (t.document === undefined ? [] : [t.document]))));

/** Reads a fixture and returns its only accepted document of the given kind, failing loudly otherwise. */
export async function onlyDocument<K extends X12Document['kind']>(text: string, kind: K, options?: ReadOptions): Promise<Extract<X12Document, { kind: K }>> {
  const docs = documents(await readInterchange(text, options));
  const found = docs.filter((d): d is Extract<X12Document, { kind: K }> => d.kind === kind);
  const [first, ...rest] = found;
  if (first === undefined || rest.length > 0) throw new Error(`expected one ${kind}, found ${docs.map((d) => d.kind).join(', ') || 'none'}`);
  return first;
}

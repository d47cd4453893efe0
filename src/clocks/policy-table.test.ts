import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_POLICY_LIST } from './policies/index';
import { policiesMarkdown } from './policy-table';

describe('docs/clocks.md', () => {
  it('lists exactly the policies in the data', () => {
    const doc = readFileSync(new URL('../../docs/clocks.md', import.meta.url), 'utf8');
    const section = doc.split('<!-- policies:begin -->\n')[1]?.split('<!-- policies:end -->')[0];
    expect(section).toBe(policiesMarkdown(BUILT_IN_POLICY_LIST));
  });

  it('gives every rule a citation and a unique id', () => {
    const ids = BUILT_IN_POLICY_LIST.flatMap((p) => p.versions.flatMap((v) => v.rules.map((r) => `${p.id}@${v.version}:${r.id}`)));
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of BUILT_IN_POLICY_LIST) for (const v of p.versions) for (const r of v.rules) expect(r.citation).toMatch(/\d/);
  });
});

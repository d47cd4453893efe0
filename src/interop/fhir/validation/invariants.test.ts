import { describe, expect, it } from 'vitest';
import { containedAreReferenced, htmlChecks, InvariantEngine } from './invariants';

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

describe('txt-1 / txt-2 (htmlChecks)', () => {
  it.each([
    [`<div ${XHTML}><p>Hello</p></div>`, true],
    [`<div ${XHTML}><img src="a.png"/></div>`, true],
    [`<div ${XHTML}>  <p> </p> </div>`, false],
    [`<div><p>no namespace</p></div>`, false],
    [`<div ${XHTML}><script>x()</script>text</div>`, false],
    [`<div ${XHTML}><p onclick="x()">text</p></div>`, false],
    [`<span ${XHTML}>text</span>`, false],
  ])('%s → %s', (div, ok) => {
    expect(htmlChecks(div)).toBe(ok);
  });
});

describe('dom-3 (contained resources are referenced)', () => {
  it('accepts referenced or back-referencing contained resources only', () => {
    const org = { resourceType: 'Organization', id: 'o1' };
    expect(containedAreReferenced({ resourceType: 'Patient', contained: [org], managingOrganization: { reference: '#o1' } })).toBe(true);
    expect(containedAreReferenced({ resourceType: 'Patient', contained: [org] })).toBe(false);
    const backRef = { resourceType: 'Provenance', id: 'p1', target: [{ reference: '#' }] };
    expect(containedAreReferenced({ resourceType: 'Patient', contained: [backRef] })).toBe(true);
  });
});

describe('InvariantEngine', () => {
  const engine = new InvariantEngine((_value, vs) => (vs === 'http://example.org/vs' ? true : undefined));
  const c = (expression: string) => ({ key: 'k', severity: 'error' as const, human: 'h', expression });
  const res = { resourceType: 'Patient' };

  it('passes on true and on empty, fails on false', () => {
    expect(engine.evaluate(c('name.exists()'), 'Patient', { resourceType: 'Patient', name: [{ family: 'x' }] }, res, res)).toEqual({ kind: 'pass' });
    expect(engine.evaluate(c('name.exists()'), 'Patient', res, res, res)).toEqual({ kind: 'fail' });
    expect(engine.evaluate(c('name.family = \'x\''), 'Patient', res, res, res)).toEqual({ kind: 'pass' });
  });

  it('answers memberOf() from our value sets and reports what it cannot evaluate', () => {
    expect(engine.evaluate(c("gender.memberOf('http://example.org/vs')"), 'Patient', { resourceType: 'Patient', gender: 'male' }, res, res)).toEqual({ kind: 'pass' });
    expect(engine.evaluate(c('name.where('), 'Patient', res, res, res)).toMatchObject({ kind: 'error', message: expect.stringContaining('cannot compile') });
    expect(engine.evaluate({ key: 'k', severity: 'error', human: 'h', expression: undefined }, 'Patient', res, res, res)).toMatchObject({ kind: 'error' });
  });
});

import { describe, expect, it } from 'vitest';
import { ERROR_CODES, UmError } from './errors';

describe('error registry', () => {
  it('gives every code the UM_ERR_ prefix and an HTTP error status', () => {
    for (const [code, spec] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^UM_ERR_[A-Z0-9_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
    }
  });

  it('carries the status of its code and the details it was given', () => {
    const e = new UmError('UM_ERR_ROLE_CANNOT_DECIDE', 'a nurse cannot deny', { details: [{ path: '/lines/0/outcome', message: 'denied' }] });
    expect(e.status).toBe(403);
    expect(e.code).toBe('UM_ERR_ROLE_CANNOT_DECIDE');
    expect(e.details).toEqual([{ path: '/lines/0/outcome', message: 'denied' }]);
  });
});

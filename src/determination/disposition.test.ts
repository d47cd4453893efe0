import { describe, expect, it } from 'vitest';
import { deriveDisposition } from './disposition';
import type { LineOutcome } from './model';

const lines = (...o: (LineOutcome | null)[]) => o.map((outcome) => ({ outcome }));

describe('deriveDisposition', () => {
  it.each([
    [lines('approved', 'approved'), 'approved'],
    [lines('denied', 'denied'), 'denied'],
    [lines('approved', 'denied'), 'partially_approved'],
    [lines('approved_modified'), 'partially_approved'],
    [lines('approved', 'approved_modified'), 'partially_approved'],
    [lines('approved', null), 'pending'],
    [lines(null, null), 'pending'],
    [lines('no_auth_required'), 'no_auth_required'],
    [lines('no_auth_required', 'approved'), 'approved'],
    [lines('no_auth_required', 'denied'), 'partially_approved'],
    [lines('withdrawn', 'withdrawn'), 'withdrawn'],
    [lines('approved', 'withdrawn'), 'approved'],
    [lines('denied', 'withdrawn'), 'denied'],
    [lines('forwarded', 'forwarded'), 'forwarded_to_plan'],
    [lines('forwarded', 'approved'), 'approved'],
    [lines('forwarded', null), 'pending'],
  ] as const)('%j → %s', (ls, expected) => {
    expect(deriveDisposition(ls, 'decided')).toBe(expected);
  });

  it('is cancelled when the case is cancelled, whatever the lines say', () => {
    expect(deriveDisposition(lines(null, 'approved'), 'cancelled')).toBe('cancelled');
  });
});

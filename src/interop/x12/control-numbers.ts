/**
 * Interchange (ISA13) and group (GS06) control numbers of what OpenUM sends: one counter per tenant
 * and kind, drawn atomically (any number of nodes), wrapping after 999999999 (X12.5 ISA13 is nine
 * digits; X12.6 GS06 up to nine).
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db';
import { x12ControlNumbers } from './schema';

const MAX = 999_999_999;

/** Draws `n` consecutive numbers and returns the first. */
export async function drawControlNumbers(q: Queryable, tenantId: string, counter: 'isa' | 'gs', n = 1): Promise<number> {
  const [row] = await q
    .insert(x12ControlNumbers)
    .values({ tenantId, counter, value: n })
    .onConflictDoUpdate({
      target: [x12ControlNumbers.tenantId, x12ControlNumbers.counter],
      set: { value: sql`case when ${x12ControlNumbers.value} + ${n} > ${MAX} then ${n} else ${x12ControlNumbers.value} + ${n} end` },
    })
    .returning({ value: x12ControlNumbers.value });
  return (row?.value ?? n) - n + 1;
}

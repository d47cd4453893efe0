/** Column helpers shared by every capability's schema: one spelling for ids, instants and checks. */
import { sql, type SQL } from 'drizzle-orm';
import { check, customType, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** The tenant column every tenant-owned table carries first in its keys. */
export const tenantId = () => uuid('tenant_id').notNull();

/** An instant, stored as timestamptz, read as a JS Date. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => instant('created_at').notNull().defaultNow();

/** A CHECK constraint that a text column holds one of the given values. */
export function oneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  const list: SQL = sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));
  return check(name, sql`${column} in (${list})`);
}

/** Raw bytes (attachments). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

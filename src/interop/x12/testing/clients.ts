/** Machine clients for X12 tests: a fresh submitter each time (idempotency keys are per submitter). */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db';
import { hashPassword } from '../../../platform/auth/passwords';
import { clients } from '../../../platform/auth/schema';

const SECRET = 'x12-extra-client-secret';
let hash: Promise<string> | null = null;
let n = 0;

/** Registers a client with the given scopes and returns its credentials. */
export async function addClient(db: Db, tenantId: string, scopes: readonly string[] = ['x12']): Promise<{ readonly clientId: string; readonly secret: string }> {
  hash ??= hashPassword(SECRET);
  const clientId = `x12-client-${process.pid}-${++n}-${randomUUID().slice(0, 8)}`;
  await db.insert(clients).values({ tenantId, id: randomUUID(), clientId, name: 'X12 test client', secretHash: await hash, scopes: [...scopes] });
  return { clientId, secret: SECRET };
}

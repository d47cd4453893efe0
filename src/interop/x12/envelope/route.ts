import type { TransactionErrorCode } from '../ack/codes';
import type { DocumentKind } from '../document';
import type { Segment } from '../syntax/segment';
import type { Issues } from '../validate/issues';
import { FUNCTIONAL_ID, readSt } from './headers';
import type { GroupHeader, TransactionHeader } from './types';

/** Implementation guides (ST03) read for each transaction set (ST01), HIPAA 005010. */
export const IMPLEMENTATIONS: Readonly<Record<string, readonly string[]>> = {
  '278': ['005010X217', '005010X215'],
  '270': ['005010X279A1'],
  '271': ['005010X279A1'],
  '834': ['005010X220A1'],
};

/** Document kinds each route can yield (005010X217 carries both requests and responses, told apart by BHT02). */
const ROUTE_KINDS: Readonly<Record<string, readonly DocumentKind[]>> = {
  '278:005010X217': ['278-request', '278-response'],
  '278:005010X215': ['278-inquiry'],
  '270:005010X279A1': ['270'],
  '271:005010X279A1': ['271'],
  '834:005010X220A1': ['834'],
};

/**
 * Decides how a transaction set is read, and which IK5 errors its header alone already causes:
 * - ST01 not one of 278/270/271/834 → IK5 1 (not supported).
 * - ST01 not belonging to the group's GS01 (a 278 needs GS01 = HI, so `GS*HC` carrying a 278 is
 *   wrong: HC is the 837 claim group) → IK5 6 (invalid transaction set identifier). The group is
 *   also rejected with AK905 1 when its GS01 names a group OpenUM does not support.
 * - ST02 missing → IK5 7; ST02 repeated inside the group → IK5 23.
 * - ST03 missing: the HIPAA TR3s make ST03 required, so it is a required element missing
 *   (IK3 ST / IK4 3 1705 code 1) and the set is rejected; GS08 is used only to go on
 *   reading the set so that its other errors are reported too.
 * - ST03 naming an implementation OpenUM does not read → IK5 I6.
 * - A kind the caller does not accept (a 271 sent to a payer) → IK5 1. (A 278 response sent as
 *   a request is told apart only by BHT02, so it is reported there: IK4 BHT02 I6.)
 */
export function routeSet(
  st: Segment,
  group: GroupHeader,
  seen: ReadonlySet<string>,
  issues: Issues,
  accept: ReadonlySet<DocumentKind>,
): { readonly header: TransactionHeader; readonly errors: readonly TransactionErrorCode[]; readonly route?: string } {
  const header = readSt(st);
  const errors: TransactionErrorCode[] = [];
  if (!/^\d{3}$/.test(header.setId)) errors.push('6');
  if (!/^[A-Za-z0-9]{4,9}$/.test(header.controlNumber)) errors.push('7');
  else if (seen.has(header.controlNumber)) errors.push('23');
  const impls = IMPLEMENTATIONS[header.setId];
  if (impls === undefined) {
    if (!errors.includes('6')) errors.push('1');
    return { header, errors };
  }
  if (FUNCTIONAL_ID[header.setId] !== group.functionalId) errors.push('6');
  if (header.implementationRef === undefined) {
    issues.element(st, undefined, { element: 3, reference: 1705, code: '1', message: 'ST03 missing: the TR3 requires the implementation convention reference' });
  }
  const impl = header.implementationRef ?? group.version;
  if (!impls.includes(impl)) {
    if (header.implementationRef !== undefined) errors.push('I6');
    return { header, errors };
  }
  const route = `${header.setId}:${impl}`;
  const kinds = ROUTE_KINDS[route] ?? [];
  if (!kinds.some((k) => accept.has(k)) && !errors.includes('1')) errors.push('1');
  return { header, errors, route };
}

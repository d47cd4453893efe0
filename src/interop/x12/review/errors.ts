/**
 * The one mapping of intake errors onto the AAA of a 278 response (STYLE: one function maps a
 * `UmError` to X12): errors that name lines (`lines/<n>/…`) go to the 2000F level of the service
 * that became that line (AAA03 AG for a code, 57 for dates, 33 otherwise); a diagnosis error to
 * 2000E (AF); everything else through `rejectionForError`.
 */
import type { UmError } from '../../../platform/errors';
import { REQUEST_PROBLEMS, rejectionForError, type PlacedRejection } from '../tx278/aaa';
import type { ServiceMapping } from './map';

export interface Placement {
  /** The request cannot be processed at all. */
  readonly rejection?: PlacedRejection;
  /** These services cannot be processed; the others may be. */
  readonly serviceRejections: readonly PlacedRejection[];
}

const LINE_PATH = /^lines\/(\d+)(?:\/(\w+))?/;

export function placeError(e: UmError, services: readonly ServiceMapping[]): Placement {
  const serviceOfLine = new Map<number, number>();
  for (const s of services) if ('line' in s) serviceOfLine.set(s.line, s.index);
  const byService = new Map<number, PlacedRejection>();
  let other = e.details.length === 0;
  for (const d of e.details) {
    const m = LINE_PATH.exec(d.path ?? '');
    const index = m === null ? undefined : serviceOfLine.get(Number(m[1]));
    if (m === null || index === undefined) {
      other = true;
      continue;
    }
    const field = m[2] ?? '';
    const problem = field === 'code' ? REQUEST_PROBLEMS['procedure-invalid'] : /Date$/.test(field) ? REQUEST_PROBLEMS['service-dates-invalid'] : { loop: '2000F' as const, valid: false, reason: '33' as const, followUp: 'C' as const };
    if (!byService.has(index)) byService.set(index, { ...problem, serviceIndex: index });
  }
  if (!other) return { serviceRejections: [...byService.values()].sort((a, b) => (a.serviceIndex ?? 0) - (b.serviceIndex ?? 0)) };
  const diagnosis = e.details.some((d) => (d.path ?? '').startsWith('diagnoses'));
  const placed = diagnosis && e.code === 'UM_ERR_VALIDATION' ? REQUEST_PROBLEMS['diagnosis-invalid'] : rejectionForError(e.code);
  return { rejection: placed, serviceRejections: [] };
}

import type { ReviewInformation } from './types';

/**
 * Priority of a request from the UM06 level of service (X12 1338): U urgent and 03 emergency
 * ask for an expedited decision (42 CFR 422.570: a request is expedited when the standard time
 * frame could seriously jeopardize the enrollee's life, health or ability to regain maximum
 * function); E elective or no level of service is standard. The 2000E level is read first,
 * then the first service level that states one.
 */
export function priorityOf(event: { readonly review?: ReviewInformation; readonly services: readonly { readonly review?: ReviewInformation }[] }): 'expedited' | 'standard' {
  const level = event.review?.levelOfService ?? event.services.map((s) => s.review?.levelOfService).find((l) => l !== undefined);
  return level === 'U' || level === '03' ? 'expedited' : 'standard';
}

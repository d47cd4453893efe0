import type { Ta1NoteCode } from '../ack/codes';
import { d6, d8, tm } from '../syntax/dates';
import { el, type Delimiters, type Segment } from '../syntax/segment';
import type { GroupHeader, InterchangeHeader, TransactionHeader } from './types';

const ID_QUALIFIERS = new Set(['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ']);

/**
 * Reads an ISA segment and checks each field against X12.5 (fixed lengths, code values,
 * version 00501). Returns the TA1 note code of the first problem found, if any.
 */
export function readIsa(seg: Segment, d: Delimiters): { readonly header: InterchangeHeader; readonly problem?: Ta1NoteCode } {
  const f = (n: number): string => el(seg, n);
  const header: InterchangeHeader = {
    authorizationQualifier: f(1),
    authorization: f(2),
    securityQualifier: f(3),
    security: f(4),
    senderQualifier: f(5),
    senderId: f(6).trim(),
    receiverQualifier: f(7),
    receiverId: f(8).trim(),
    date: f(9),
    time: f(10),
    version: f(12),
    controlNumber: f(13),
    ackRequested: f(14) === '1',
    usage: f(15),
    delimiters: d,
    position: seg.position,
  };
  const checks: readonly [boolean, Ta1NoteCode][] = [
    [seg.elements.length === 17, '022'],
    [/^0[0-6]$/.test(f(1)), '010'],
    [f(2).length === 10, '011'],
    [/^0[01]$/.test(f(3)), '012'],
    [f(4).length === 10, '013'],
    [ID_QUALIFIERS.has(f(5)), '005'],
    [f(6).length === 15 && f(6).trim() !== '', '006'],
    [ID_QUALIFIERS.has(f(7)), '007'],
    [f(8).length === 15 && f(8).trim() !== '', '008'],
    [d6(f(9)) !== undefined, '014'],
    [f(10).length === 4 && tm(f(10)) !== undefined, '015'],
    [f(12) === '00501', '017'],
    [/^\d{9}$/.test(f(13)), '018'],
    [f(14) === '0' || f(14) === '1', '019'],
    [f(15) === 'P' || f(15) === 'T' || f(15) === 'I', '020'],
    [f(16).length === 1, '027'],
  ];
  const failed = checks.find(([ok]) => !ok);
  return failed === undefined ? { header } : { header, problem: failed[1] };
}

/** A GS header, and whether its syntax is broken beyond a 999 (TA1 024) or only its control number (AK905 6). */
export function readGs(seg: Segment): { readonly header: GroupHeader; readonly broken: boolean; readonly badControlNumber: boolean } {
  const header: GroupHeader = {
    functionalId: el(seg, 1),
    senderCode: el(seg, 2),
    receiverCode: el(seg, 3),
    date: el(seg, 4),
    time: el(seg, 5),
    controlNumber: el(seg, 6),
    version: el(seg, 8),
    position: seg.position,
  };
  const broken =
    seg.elements.length < 9 ||
    !/^[A-Z]{2}$/.test(header.functionalId) ||
    header.senderCode === '' ||
    header.receiverCode === '' ||
    d8(header.date) === undefined ||
    tm(header.time) === undefined ||
    el(seg, 7) !== 'X' ||
    header.version === '';
  return { header, broken, badControlNumber: !/^\d{1,9}$/.test(header.controlNumber) };
}

export function readSt(seg: Segment): TransactionHeader {
  const ref = el(seg, 3);
  return {
    setId: el(seg, 1),
    controlNumber: el(seg, 2),
    ...(ref === '' ? {} : { implementationRef: ref }),
    position: seg.position,
  };
}

/** GS01 functional identifier of each transaction set OpenUM reads (X12 element 479). */
export const FUNCTIONAL_ID: Readonly<Record<string, string>> = { '278': 'HI', '270': 'HS', '271': 'HB', '834': 'BE', '999': 'FA' };

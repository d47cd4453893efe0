import type { DatePeriod } from '../syntax/dates';

/** NM103-NM107. For an organization `last` holds its name. */
export interface PartyName {
  readonly last: string;
  readonly first?: string;
  readonly middle?: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

/** An identifier with its X12 qualifier (NM108/NM109, REF01/REF02, N103/N104…). */
export interface Identification {
  readonly qualifier: string;
  readonly value: string;
}

/** REF: REF01 qualifier, REF02 value, REF03 description. */
export interface Reference extends Identification {
  readonly description?: string;
}

/** N3/N4. */
export interface Address {
  readonly lines: readonly string[];
  readonly city?: string;
  readonly state?: string;
  readonly postalCode?: string;
  readonly country?: string;
  readonly countrySubdivision?: string;
}

/** PER: contact function (PER01), name (PER02) and up to three numbers (qualifier TE, FX, EM, EX…). */
export interface Contact {
  readonly function: string;
  readonly name?: string;
  readonly numbers: readonly Identification[];
}

/** PRV: provider code (PRV01, e.g. PE performing, RF referring, AT attending), PRV02 qualifier (PXC), PRV03 taxonomy. */
export interface ProviderInformation {
  readonly code: string;
  readonly qualifier: string;
  readonly taxonomy: string;
}

/** A party named by an NM1 loop, with the segments that complete it. */
export interface Party {
  /** NM101 entity identifier code (X3 UMO, 1P provider, FA facility, IL subscriber, QC patient, SJ service provider…). */
  readonly entityCode: string;
  /** NM102: 1 person, 2 non-person entity. */
  readonly entityType: 'person' | 'organization';
  readonly name: PartyName;
  /** NM108/NM109. */
  readonly id?: Identification;
  /** NM109 when NM108 = XX (the National Provider Identifier). */
  readonly npi?: string;
  readonly references: readonly Reference[];
  readonly address?: Address;
  readonly contacts: readonly Contact[];
  readonly provider?: ProviderInformation;
  /** Stream position of the NM1 segment. */
  readonly position: number;
}

/** A subscriber, dependent or patient: a person party with demographics. */
export interface Person extends Party {
  /** NM109 when NM108 = MI (member identification number). */
  readonly memberId?: string;
  /** DMG02 as an ISO date. */
  readonly birthDate?: string;
  /** DMG03: F, M or U. */
  readonly sex?: string;
  /** INS02 individual relationship code (dependent loops). */
  readonly relationship?: string;
}

/** TRN: trace type (1 current transaction, 2 referenced transaction), number, originator (TRN03 is a 10-character id, "1" + EIN/DUNS). */
export interface TraceNumber {
  readonly type: string;
  readonly number: string;
  readonly originatorId: string;
  readonly originatorSupplemental?: string;
}

/** A DTP segment: its qualifier (X12 element 374) and the date or period. */
export interface DateEntry extends DatePeriod {
  readonly qualifier: string;
}

/** A segment OpenUM keeps but does not interpret: its id, elements (elements[0] = id) and stream position. */
export interface RawSegment {
  readonly id: string;
  readonly elements: readonly string[];
  readonly position: number;
}

/** The one empty array shared by every list that has nothing in it (saves an allocation per list). */
export const NONE: readonly never[] = Object.freeze([]);

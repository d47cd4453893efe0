/**
 * A 278 request (005010X217) as the one intake request every channel maps onto
 * (src/intake/request.ts). Pure: the member and providers were resolved before (see `parties.ts`).
 * Mapping (TR3 loops): 2000E UM01/UM02 → kind, UM06 → priority, HI → diagnoses, MSG → note;
 * 2010EA SJ / FA → servicing provider / facility; each 2000F service with SV1 / SV2 → a line
 * (code, modifiers, SV104/SV205 units, DTP*472 dates, UM04 place of service). A service OpenUM
 * cannot review (dental CDT, an unknown qualifier, no procedure) is answered with an AAA at its
 * 2000F instead (AAA03 AG).
 */
import { UNIT_TYPES, type CaseKind, type RequesterType, type UnitType } from '../../../intake/model';
import type { IntakeRequest, LineRequest } from '../../../intake/request';
import type { DateEntry } from '../common/types';
import { REQUEST_PROBLEMS, type PlacedRejection } from '../tx278/aaa';
import { priorityOf } from '../tx278/priority';
import { dottedDiagnosisCode } from '../tx278/service';
import type { PatientEvent, ReviewInformation, ServiceLine, ServicesReviewRequest } from '../tx278/types';

/** The parties of a request as found in the tenant (NPIs only of providers known to it). */
export interface ResolvedParties {
  readonly memberId: string;
  readonly requestingNpi?: string;
  readonly servicingNpi?: string;
  readonly facilityNpi?: string;
  readonly requesterType: RequesterType;
}

/** Where one 2000F service went: the intake line it became (index into `request.lines`), or its AAA. */
export type ServiceMapping =
  | { readonly index: number; readonly line: number }
  | { readonly index: number; readonly rejection: PlacedRejection };

export interface Mapped278 {
  readonly request: IntakeRequest;
  /** One entry per 2000F service, in request order. */
  readonly services: readonly ServiceMapping[];
}

/**
 * The case kind from the request category (UM01, X12 1525) and certification type (UM02, X12 1322):
 * SC specialty care review → referral; AR admission review with UM02 4 (extension) → concurrent
 * review; everything else is a prior authorization. The same rule as the PAS mapping.
 */
export function caseKindOf(reviews: readonly (ReviewInformation | undefined)[]): CaseKind {
  if (reviews.some((r) => r?.requestCategory === 'SC')) return 'referral';
  if (reviews.some((r) => r?.requestCategory === 'AR' && r.certificationType === '4')) return 'concurrent_review';
  return 'prior_auth';
}

const isUnit = (u: string | undefined): u is UnitType => u !== undefined && UNIT_TYPES.some((x) => x === u);

/** The period of a level's dates: DTP*472 (service date) for a service, DTP*AAH (event date) for the event. */
function periodOf(dates: readonly DateEntry[], qualifier: string): { readonly from: string; readonly to: string } | undefined {
  const d = dates.find((x) => x.qualifier === qualifier);
  return d === undefined ? undefined : { from: d.start, to: d.end };
}

function placeOfService(r: ReviewInformation | undefined): string | undefined {
  return r?.facility?.qualifier === 'B' ? r.facility.code : undefined;
}

type LineOrProblem = { readonly line: LineRequest } | { readonly problem: keyof typeof REQUEST_PROBLEMS };

function lineOf(s: ServiceLine, event: PatientEvent): LineOrProblem {
  const sv = s.service;
  if (sv === undefined) return { problem: 'procedure-invalid' };
  const system = sv.codeSystem === 'revenue' ? 'REV' : sv.codeSystem;
  if (system !== 'CPT' && system !== 'HCPCS' && system !== 'REV' && system !== 'NDC') return { problem: 'procedure-invalid' };
  const own = periodOf(s.dates, '472');
  const ev = periodOf(event.dates, 'AAH');
  // A service dated outside its patient event's period contradicts the request itself.
  if (own !== undefined && ev !== undefined && (own.from < ev.from || own.to > ev.to)) return { problem: 'service-dates-invalid' };
  const dates = own ?? ev;
  const quantity = sv.quantity ?? s.delivery?.quantity;
  const pos = placeOfService(s.review) ?? placeOfService(event.review);
  return {
    line: {
      codeSystem: system,
      code: sv.code,
      ...(sv.modifiers.length === 0 ? {} : { modifiers: sv.modifiers }),
      ...(sv.description === undefined ? {} : { description: sv.description }),
      units: quantity !== undefined && quantity > 0 ? quantity : 1,
      unitType: isUnit(sv.unit) ? sv.unit : 'UN',
      ...(dates === undefined ? {} : { fromDate: dates.from, toDate: dates.to }),
      ...(pos === undefined ? {} : { placeOfService: pos }),
      ...(system === 'NDC' ? { ndc: sv.code } : {}),
    },
  };
}

/** Maps a 278 request onto an intake request; services that cannot become lines carry their AAA. */
export function intakeFrom278(doc: ServicesReviewRequest, parties: ResolvedParties): Mapped278 {
  const ev = doc.event;
  const lines: LineRequest[] = [];
  const services: ServiceMapping[] = ev.services.map((s) => {
    const r = lineOf(s, ev);
    if ('problem' in r) return { index: s.index, rejection: { ...REQUEST_PROBLEMS[r.problem], serviceIndex: s.index } };
    lines.push(r.line);
    return { index: s.index, line: lines.length - 1 };
  });
  const priority = priorityOf(ev);
  const diagnoses = ev.diagnoses.flatMap((d) => (d.codeSystem === 'other' ? [] : [{ system: d.codeSystem, code: dottedDiagnosisCode(d.code, d.codeSystem) }]));
  const messages = [ev.message, ...ev.services.map((s) => s.message)].filter((m): m is string => m !== undefined && m.trim() !== '');
  const request: IntakeRequest = {
    kind: caseKindOf([ev.review, ...ev.services.map((s) => s.review)]),
    priority,
    ...(priority === 'expedited' ? { expediteRequestedBy: 'physician' as const, expeditePhysicianSupported: true } : {}),
    requesterType: parties.requesterType,
    channel: 'x12',
    member: { id: parties.memberId },
    ...(parties.requestingNpi === undefined ? {} : { requestingProvider: { npi: parties.requestingNpi } }),
    ...(parties.servicingNpi === undefined ? {} : { servicingProvider: { npi: parties.servicingNpi } }),
    ...(parties.facilityNpi === undefined ? {} : { facility: { npi: parties.facilityNpi } }),
    ...(diagnoses.length === 0 ? {} : { diagnoses }),
    lines,
    ...(messages.length === 0 ? {} : { note: messages.join('\n') }),
  };
  return { request, services };
}

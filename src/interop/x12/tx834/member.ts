import { raw, reference, contact, type ReadContext } from '../common/parties';
import type { Address, Contact, DateEntry, Party, RawSegment, Reference } from '../common/types';
import { d8 } from '../syntax/dates';
import { el, opt, type Segment } from '../syntax/segment';
import { Issues } from '../validate/issues';
import { checkCharacters, checkSegment, readDtp } from '../validate/rules';
import { COVERAGE_DTP_RULES, DMG_RULES, HD_RULES, INS_RULES, MEMBER_DTP_RULES, NAME_LOOPS, NM1_2100A_RULES } from './rules';
import type { Coverage, EnrollmentMember } from './types';

interface CoverageDraft {
  position: number;
  hd: Segment;
  dates: DateEntry[];
  references: Reference[];
  providers: Party[];
}

const address = (n3: Segment | undefined, n4: Segment | undefined): Address | undefined =>
  n3 === undefined && n4 === undefined
    ? undefined
    : {
        lines: n3 === undefined ? [] : [opt(n3, 1), opt(n3, 2)].filter((l): l is string => l !== undefined),
        city: n4 && opt(n4, 1),
        state: n4 && opt(n4, 2),
        postalCode: n4 && opt(n4, 3),
        country: n4 && opt(n4, 4),
      };

/** A 2310 provider (NM1*P3 primary care provider, …): NM108 XX gives the NPI. */
function provider(s: Segment): Party {
  const q = opt(s, 8);
  const v = opt(s, 9);
  return {
    entityCode: el(s, 1),
    entityType: el(s, 2) === '2' ? 'organization' : 'person',
    name: { last: el(s, 3), first: opt(s, 4), middle: opt(s, 5), prefix: opt(s, 6), suffix: opt(s, 7) },
    id: q !== undefined && v !== undefined ? { qualifier: q, value: v } : undefined,
    npi: q === 'XX' ? v : undefined,
    references: [],
    contacts: [],
    position: s.position,
  };
}

const dateOf = (s: Segment, rules: typeof MEMBER_DTP_RULES, ctx: ReadContext, loop: string): DateEntry | undefined => readDtp(s, rules, ctx.d, ctx.issues, loop);

function coverage(c: CoverageDraft, ctx: ReadContext): Coverage {
  if (!c.dates.some((d) => d.qualifier === '348' || d.qualifier === '303' || d.qualifier === '349')) {
    ctx.issues.missing('DTP', c.position + 1, '2300', 'health coverage dates (DTP*348 benefit begin) are required');
  }
  return {
    position: c.position,
    maintenanceType: el(c.hd, 1),
    insuranceLine: el(c.hd, 3),
    planDescription: opt(c.hd, 4),
    coverageLevel: opt(c.hd, 5),
    begin: c.dates.find((d) => d.qualifier === '348')?.start,
    end: c.dates.find((d) => d.qualifier === '349')?.end,
    dates: c.dates,
    references: c.references,
    providers: c.providers,
  };
}

/**
 * Reads one member (INS … up to the next INS or SE) of an 834 and checks it: INS codes,
 * REF*0F subscriber identifier required, NM1 member name (2100A) required, dates valid, HD
 * codes and coverage dates. Errors are collected for this member alone, so they can be reported
 * per member with their positions.
 */
export function readMember(segs: readonly Segment[], d: ReadContext['d'], stPosition: number): EnrollmentMember {
  const issues = new Issues(stPosition, 100);
  const ctx: ReadContext = { d, issues };
  const ins = segs[0];
  const references: Reference[] = [];
  const dates: DateEntry[] = [];
  const contacts: Contact[] = [];
  const languages: string[] = [];
  const coverages: Coverage[] = [];
  const other: RawSegment[] = [];
  let loop = '2000';
  let nm1: Segment | undefined;
  let dmg: Segment | undefined;
  let n3: Segment | undefined;
  let n4: Segment | undefined;
  let mail3: Segment | undefined;
  let mail4: Segment | undefined;
  let cov: CoverageDraft | undefined;
  for (const s of segs) {
    checkCharacters(s, issues, loop);
    switch (s.id) {
      case 'INS':
        checkSegment(s, INS_RULES, d, issues, '2000');
        if (el(s, 1) === 'Y' && el(s, 2) !== '18') issues.bad(s, '2000', 2, '7', el(s, 2), undefined, 'INS02 must be 18 (self) when INS01 = Y (subscriber)');
        continue;
      case 'HD':
        if (cov !== undefined) coverages.push(coverage(cov, ctx));
        loop = '2300';
        checkSegment(s, HD_RULES, d, issues, loop);
        cov = { position: s.position, hd: s, dates: [], references: [], providers: [] };
        continue;
      case 'LX':
        loop = loop === '2300' || loop === '2310' ? '2310' : loop.startsWith('27') ? '2700' : loop;
        other.push(raw(s));
        continue;
      case 'COB':
        loop = '2320';
        other.push(raw(s));
        continue;
      case 'DSB':
        loop = '2200';
        other.push(raw(s));
        continue;
      case 'LS':
        if (cov !== undefined) coverages.push(coverage(cov, ctx));
        cov = undefined;
        loop = '2700';
        other.push(raw(s));
        continue;
      case 'N1':
        if (loop === '2700') loop = '2750';
        other.push(raw(s));
        continue;
      case 'NM1': {
        const code = el(s, 1);
        if (loop === '2310' && cov !== undefined) {
          cov.providers.push(provider(s));
        } else if (loop === '2320' || loop === '2330') {
          loop = '2330';
          other.push(raw(s));
        } else {
          loop = NAME_LOOPS[code] ?? 'NM1';
          if (loop !== '2100A') other.push(raw(s));
          else if (nm1 !== undefined) issues.segment(s, loop, '5');
          else {
            checkSegment(s, NM1_2100A_RULES, d, issues, loop);
            nm1 = s;
          }
        }
        continue;
      }
      default:
        break;
    }
    switch (loop) {
      case '2000':
        if (s.id === 'REF') references.push(reference(s));
        else if (s.id === 'DTP') {
          const x = dateOf(s, MEMBER_DTP_RULES, ctx, loop);
          if (x !== undefined) dates.push(x);
        } else other.push(raw(s));
        break;
      case '2100A':
        if (s.id === 'DMG') {
          checkSegment(s, DMG_RULES, d, issues, loop);
          dmg = s;
        } else if (s.id === 'N3') n3 = s;
        else if (s.id === 'N4') n4 = s;
        else if (s.id === 'PER') contacts.push(contact(s));
        else if (s.id === 'LUI' && opt(s, 2) !== undefined) languages.push(el(s, 2));
        else other.push(raw(s));
        break;
      case '2100C':
        if (s.id === 'N3') mail3 = s;
        else if (s.id === 'N4') mail4 = s;
        else other.push(raw(s));
        break;
      case '2300':
        if (cov === undefined) other.push(raw(s));
        else if (s.id === 'DTP') {
          const x = dateOf(s, COVERAGE_DTP_RULES, ctx, loop);
          if (x !== undefined) cov.dates.push(x);
        } else if (s.id === 'REF') cov.references.push(reference(s));
        else other.push(raw(s));
        break;
      default:
        other.push(raw(s));
    }
  }
  if (cov !== undefined) coverages.push(coverage(cov, ctx));
  const first = ins?.position ?? stPosition;
  const subscriberId = references.find((r) => r.qualifier === '0F')?.value;
  if (subscriberId === undefined) issues.missing('REF', segs[1]?.position ?? first + 1, '2000', 'the subscriber identifier (REF*0F) is required');
  if (nm1 === undefined) issues.missing('NM1', segs[1]?.position ?? first + 1, '2100A', 'the member name (NM1*IL) is required');
  const idq = nm1 && opt(nm1, 8);
  const idv = nm1 && opt(nm1, 9);
  return {
    position: { first, last: segs[segs.length - 1]?.position ?? first, inSet: first - stPosition + 1 },
    subscriber: ins !== undefined && el(ins, 1) === 'Y',
    relationship: ins === undefined ? '' : el(ins, 2),
    maintenanceType: ins === undefined ? '' : el(ins, 3),
    maintenanceReason: ins && opt(ins, 4),
    benefitStatus: ins === undefined ? '' : el(ins, 5),
    medicarePlan: ins && opt(ins, 6)?.split(d.component)[0],
    cobraEvent: ins && opt(ins, 7),
    employmentStatus: ins && opt(ins, 8),
    studentStatus: ins && opt(ins, 9),
    handicapped: ins && opt(ins, 10) !== undefined ? el(ins, 10) === 'Y' : undefined,
    deathDate: ins && opt(ins, 12) !== undefined ? d8(el(ins, 12)) : undefined,
    subscriberId,
    groupOrPolicyNumber: references.find((r) => r.qualifier === '1L')?.value,
    references,
    dates,
    entityCode: nm1 === undefined ? '' : el(nm1, 1),
    name: { last: nm1 === undefined ? '' : el(nm1, 3), first: nm1 && opt(nm1, 4), middle: nm1 && opt(nm1, 5), prefix: nm1 && opt(nm1, 6), suffix: nm1 && opt(nm1, 7) },
    identifier: idq !== undefined && idv !== undefined ? { qualifier: idq, value: idv } : undefined,
    birthDate: dmg && d8(el(dmg, 2)),
    sex: dmg && opt(dmg, 3),
    maritalStatus: dmg && opt(dmg, 4),
    address: address(n3, n4),
    mailingAddress: address(mail3, mail4),
    contacts,
    languages,
    coverages,
    other,
    errors: issues.errors,
  };
}

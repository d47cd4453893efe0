/**
 * The demo tenant, generated from a fixed seed (pure: the same seed and instant give the same
 * rows). An MSO managing two IPAs, each contracted with two plans with different DOFRs; about a
 * thousand synthetic members, two hundred providers, a user for every role, a machine client, and
 * a few hundred cases in every status with their determinations and audit trail.
 */
import { DateTime } from 'luxon';
import type { Responsibility } from '../tenancy/model';
import { classifyServiceGroup } from '../intake/service-groups';
import type { CaseStatus } from '../intake/model';
import { deriveDisposition } from '../determination/disposition';
import { formatAuthorizationNumber, validityPeriod } from '../determination/authorization';
import type { LineOutcome } from '../determination/model';
import { chainIdFor, GENESIS_HASH, hashEvent, type Json } from '../audit/chain';
import type * as S from '../platform/db/schema';
import { Rng, npiFrom } from './random';
import { CITIES, DENIAL_REASONS, FACILITY_TYPES, FIRST_NAMES, LAST_NAMES, PEND_MESSAGES, PRACTITIONER_SPECIALTIES, SERVICES, STREETS, type CatalogService } from './catalog';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoData {
  tenant: Insert<typeof S.tenants>;
  organisations: Insert<typeof S.organisations>[];
  contracts: Insert<typeof S.contracts>[];
  dofr: Insert<typeof S.contractDofr>[];
  reviewerMatrix: Insert<typeof S.reviewerMatrix>[];
  providers: Insert<typeof S.providers>[];
  members: Insert<typeof S.members>[];
  coverages: Insert<typeof S.coverages>[];
  /** Users without their password hash (the seeder adds it). */
  users: Omit<Insert<typeof S.users>, 'passwordHash'>[];
  userOrganisations: Insert<typeof S.userOrganisations>[];
  clients: Omit<Insert<typeof S.clients>, 'secretHash'>[];
  cases: (Omit<Insert<typeof S.cases>, 'caseNumber'> & { caseNumber?: never })[];
  lines: Insert<typeof S.serviceLines>[];
  diagnoses: Insert<typeof S.caseDiagnoses>[];
  notes: Insert<typeof S.caseNotes>[];
  determinations: Insert<typeof S.determinations>[];
  auditEvents: Insert<typeof S.auditEvents>[];
  auditHeads: Insert<typeof S.auditChainHeads>[];
}

export const DEMO_PASSWORD = 'demo';
export const DEMO_CLIENT = { clientId: 'demo-ehr', secret: 'demo-ehr-secret' } as const;
export const DEMO_USERNAMES = ['intake', 'nurse', 'md', 'specialist', 'supervisor', 'appeals', 'provider', 'admin', 'auditor'] as const;

type DofrGrid = Readonly<Record<string, Responsibility>>;

const DOFR_VALLEY_MA: DofrGrid = { professional: 'ipa', radiology: 'ipa', laboratory: 'ipa', therapy: 'ipa', dme: 'ipa', home_health: 'ipa', outpatient_facility: 'shared', inpatient_facility: 'plan', snf: 'plan', part_b_drug: 'plan', transplant: 'plan', dialysis: 'plan', ambulance: 'plan', hospice: 'plan', behavioral_health: 'plan' };
const DOFR_VALLEY_MCD: DofrGrid = { professional: 'ipa', radiology: 'ipa', laboratory: 'ipa', therapy: 'ipa', dme: 'plan', home_health: 'plan', outpatient_facility: 'plan', inpatient_facility: 'plan', snf: 'plan', part_b_drug: 'plan', transplant: 'plan', ambulance: 'plan', behavioral_health: 'plan' };
const DOFR_COASTAL_MA: DofrGrid = { professional: 'ipa', radiology: 'ipa', laboratory: 'ipa', therapy: 'ipa', dme: 'plan', home_health: 'ipa', outpatient_facility: 'ipa', inpatient_facility: 'shared', snf: 'ipa', part_b_drug: 'ipa', transplant: 'plan', dialysis: 'plan', ambulance: 'ipa', hospice: 'plan' };
const DOFR_COASTAL_COM: DofrGrid = { professional: 'ipa', radiology: 'ipa', laboratory: 'ipa', therapy: 'ipa', dme: 'ipa', home_health: 'ipa', outpatient_facility: 'ipa', inpatient_facility: 'plan', snf: 'plan', part_b_drug: 'plan', transplant: 'plan', ambulance: 'plan' };

/** Statuses of the generated cases and how many of each (about 300). */
const CASE_PLAN: readonly [string, number][] = [
  ['intake', 18],
  ['nurse_review', 70],
  ['md_review', 28],
  ['pended_info', 24],
  ['approved', 80],
  ['denied', 16],
  ['partial', 10],
  ['modified', 8],
  ['no_auth', 8],
  ['forwarded', 14],
  ['withdrawn', 8],
  ['cancelled', 6],
];

export function generateDemo(seed: number, now: Date): DemoData {
  const rng = new Rng(seed);
  const tenantId = rng.uuid();
  const zone = 'America/Chicago';
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const isoDay = (d: DateTime): string => d.toISODate() ?? '';

  const org = (kind: string, name: string, extra: Partial<Insert<typeof S.organisations>> = {}) => ({ tenantId, id: rng.uuid(), kind, name, createdAt: now, ...extra });
  const mso = org('mso', 'Sunrise Health Partners MSO', { taxId: '74-1000001' });
  const evergreen = org('health_plan', 'Evergreen Medicare Advantage', { payerId: 'EVGMA', npi: npiFrom('900000001') });
  const bluebonnet = org('health_plan', 'Bluebonnet Community Health Plan', { payerId: 'BBCHP', npi: npiFrom('900000002') });
  const summit = org('health_plan', 'Summit Commercial Health', { payerId: 'SMTCH', npi: npiFrom('900000003') });
  const valley = org('ipa', 'Valley Physicians IPA', { taxId: '74-2000001', npi: npiFrom('910000001') });
  const coastal = org('ipa', 'Coastal Medical Group IPA', { taxId: '74-2000002', npi: npiFrom('910000002') });
  const groups = ['Northside Family Medicine', 'Lakeside Orthopedics', 'Riverbend Cardiology', 'Hillcrest Pulmonary & Sleep', 'Mesa Oncology Associates', 'Prairie Neurology'].map((n, i) =>
    org('provider_group', n, { taxId: `74-30000${i + 1}`, npi: npiFrom(`92000000${i + 1}`) }),
  );
  const organisations = [mso, evergreen, bluebonnet, summit, valley, coastal, ...groups];

  const contract = (name: string, plan: { id: string }, ipa: { id: string }, lob: string, dofr: DofrGrid, validity: number) => ({
    row: { tenantId, id: rng.uuid(), name, planOrgId: plan.id, delegateOrgId: ipa.id, lineOfBusiness: lob, umDelegated: true, authValidityDays: validity, reviewContractedRetro: true, admissionNotificationHours: 24, effectiveFrom: '2025-01-01', createdAt: now },
    dofr,
    plan,
    ipa,
    lob,
  });
  const contracts = [
    contract('Valley IPA × Evergreen MA', evergreen, valley, 'medicare_advantage', DOFR_VALLEY_MA, 90),
    contract('Valley IPA × Bluebonnet Medicaid', bluebonnet, valley, 'medicaid', DOFR_VALLEY_MCD, 60),
    contract('Coastal IPA × Evergreen MA', evergreen, coastal, 'medicare_advantage', DOFR_COASTAL_MA, 90),
    contract('Coastal IPA × Summit Commercial', summit, coastal, 'commercial', DOFR_COASTAL_COM, 120),
  ];
  const dofr = contracts.flatMap((c) => Object.entries(c.dofr).map(([serviceGroup, responsibility]) => ({ tenantId, contractId: c.row.id, serviceGroup, responsibility })));
  const reviewerMatrix = [{ tenantId, serviceCategory: 'part_b_drug', lineOfBusiness: 'medicare_advantage', credential: 'PharmD', createdAt: now }];

  // Providers: practitioners in the provider groups, and facilities.
  const providers: Insert<typeof S.providers>[] = [];
  for (let i = 0; i < 170; i++) {
    const spec = PRACTITIONER_SPECIALTIES[i % PRACTITIONER_SPECIALTIES.length]!;
    const group = groups[i % groups.length]!;
    providers.push({
      tenantId,
      id: rng.uuid(),
      npi: npiFrom(String(100_000_000 + i * 7919).slice(0, 9)),
      taxId: group.taxId,
      kind: 'practitioner',
      name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}, ${spec.name === 'Physical Therapist' ? 'PT' : rng.chance(0.85) ? 'MD' : 'DO'}`,
      taxonomy: spec.taxonomy,
      specialty: spec.name,
      networkStatus: rng.chance(0.88) ? 'in_network' : 'out_of_network',
      providerOrgId: group.id,
      state: 'TX',
      createdAt: now,
      updatedAt: now,
    });
  }
  for (let i = 0; i < 30; i++) {
    const f = FACILITY_TYPES[i % FACILITY_TYPES.length]!;
    const city = CITIES[i % CITIES.length]!;
    providers.push({
      tenantId,
      id: rng.uuid(),
      npi: npiFrom(String(150_000_000 + i * 104_729).slice(0, 9)),
      taxId: `74-40${String(i).padStart(5, '0')}`,
      kind: 'facility',
      name: `${city[0]} ${rng.pick(STREETS)} ${f.suffix}`,
      taxonomy: f.taxonomy,
      specialty: f.name,
      networkStatus: rng.chance(0.9) ? 'in_network' : 'out_of_network',
      state: 'TX',
      createdAt: now,
      updatedAt: now,
    });
  }
  const practitioners = providers.filter((p) => p.kind === 'practitioner');
  const facilities = providers.filter((p) => p.kind === 'facility');
  const pcps = practitioners.filter((p) => p.specialty === 'Family Medicine' || p.specialty === 'Internal Medicine');

  // Members and their coverage: a few are termed, so that eligibility problems show up.
  const members: Insert<typeof S.members>[] = [];
  const coverages: (Insert<typeof S.coverages> & { contractIndex: number })[] = [];
  for (let i = 0; i < 1000; i++) {
    const ci = i % 4;
    const c = contracts[ci]!;
    const isMa = c.lob === 'medicare_advantage';
    const age = isMa ? rng.int(65, 92) : c.lob === 'medicaid' ? rng.int(1, 60) : rng.int(22, 63);
    const birth = today.minus({ years: age, days: rng.int(0, 364) });
    const city = rng.pick(CITIES);
    const id = rng.uuid();
    const prefix = c.plan === evergreen ? 'EVG' : c.plan === bluebonnet ? 'BBC' : 'SMT';
    members.push({
      tenantId,
      id,
      memberNumber: `${prefix}${String(10_000_000 + i * 37).padStart(8, '0')}`,
      firstName: rng.pick(FIRST_NAMES),
      lastName: rng.pick(LAST_NAMES),
      birthDate: isoDay(birth),
      sex: rng.chance(0.5) ? 'F' : 'M',
      addressLine: `${rng.int(100, 9999)} ${rng.pick(STREETS)} St`,
      city: city[0],
      state: city[1],
      postalCode: city[2],
      createdAt: now,
      updatedAt: now,
    });
    const termed = i % 50 === 7;
    coverages.push({
      tenantId,
      id: rng.uuid(),
      memberId: id,
      planOrgId: c.plan.id,
      contractId: c.row.id,
      ipaOrgId: c.ipa.id,
      pbp: isMa ? `H7001-00${1 + (i % 3)}` : c.lob === 'medicaid' ? 'STAR-TX' : 'SMT-HMO-TX',
      lineOfBusiness: c.lob,
      productType: isMa ? (i % 5 === 0 ? 'HMO-POS' : 'HMO') : c.lob === 'commercial' ? (i % 3 === 0 ? 'PPO' : 'HMO') : 'HMO',
      state: 'TX',
      funding: c.lob === 'commercial' ? (i % 4 === 3 ? 'self_funded' : 'fully_insured') : null,
      pcpProviderId: rng.pick(pcps).id ?? null,
      effectiveFrom: '2025-01-01',
      effectiveTo: termed ? isoDay(today.minus({ days: 60 })) : null,
      createdAt: now,
      contractIndex: ci,
    });
  }

  // People: a user for every role (password "demo"), assigned to both IPAs; the provider user to Northside.
  const northside = groups[0]!;
  const person = (username: string, displayName: string, role: string, extra: Partial<Insert<typeof S.users>> = {}) => ({
    tenantId,
    id: rng.uuid(),
    username,
    displayName,
    role,
    active: true,
    createdAt: now,
    ...extra,
  });
  const users = [
    person('intake', 'Ines Quintero', 'intake'),
    person('nurse', 'Nadia Holloway, RN', 'nurse', { credential: 'RN', licenceState: 'TX' }),
    person('md', 'Dr. Marcus Delacroix, MD', 'medical_director', { credential: 'MD', licenceState: 'TX', specialty: 'Internal Medicine' }),
    person('specialist', 'Dr. Priya Bhattacharya, MD', 'specialist', { credential: 'MD', licenceState: 'TX', specialty: 'Cardiovascular Disease' }),
    person('supervisor', 'Sam Whitcombe, RN', 'supervisor', { credential: 'RN', licenceState: 'TX' }),
    person('appeals', 'Alma Castillo, RN', 'appeals', { credential: 'RN', licenceState: 'TX' }),
    person('provider', 'Paula Kingsley (Northside Family Medicine)', 'provider', { providerOrgId: northside.id }),
    person('admin', 'Ada Fenwick', 'admin'),
    person('auditor', 'Otto Pemberton', 'auditor'),
    person('pharmacist', 'Phil Nakamura, PharmD', 'nurse', { credential: 'PharmD', licenceState: 'TX' }),
    person('nurse.ca', 'Carla Montoya, RN', 'nurse', { credential: 'RN', licenceState: 'CA' }),
  ];
  const byName = new Map(users.map((u) => [u.username, u]));
  const u = (name: string) => byName.get(name)!;
  const staffOrgs: Record<string, readonly { id: string }[]> = { 'nurse.ca': [coastal] };
  const userOrganisations = users
    .filter((x) => x.role !== 'provider')
    .flatMap((x) => (staffOrgs[x.username] ?? [valley, coastal, evergreen, bluebonnet, summit]).map((o) => ({ tenantId, userId: x.id, organisationId: o.id })));
  const clients = [
    {
      tenantId,
      id: rng.uuid(),
      clientId: DEMO_CLIENT.clientId,
      name: 'Demo EHR (Northside Family Medicine)',
      scopes: ['cases.read', 'cases.write', 'x12', 'system/Claim.write', 'system/Claim.read', 'system/ClaimResponse.read', 'system/Subscription.write', 'system/Subscription.read', 'system/Questionnaire.read', 'system/CoverageEligibilityRequest.write'],
      providerOrgId: northside.id,
      active: true,
      createdAt: now,
    },
  ];

  const data: DemoData = {
    tenant: { id: tenantId, slug: 'demo', name: 'Sunrise Health Partners (demo)', kind: 'mso', timeZone: zone, sandbox: true, settings: {}, createdAt: now },
    organisations,
    contracts: contracts.map((c) => c.row),
    dofr,
    reviewerMatrix,
    providers,
    members,
    coverages: coverages.map(({ contractIndex: _ci, ...c }) => c),
    users,
    userOrganisations,
    clients,
    cases: [],
    lines: [],
    diagnoses: [],
    notes: [],
    determinations: [],
    auditEvents: [],
    auditHeads: [],
  };
  generateCases(data, { rng, now, zone, contracts, coverages, practitioners, facilities, users: { intake: u('intake'), nurse: u('nurse'), md: u('md'), provider: u('provider'), supervisor: u('supervisor') }, client: clients[0]!, northsideId: northside.id });
  return data;
}

interface CaseContext {
  readonly rng: Rng;
  readonly now: Date;
  readonly zone: string;
  readonly contracts: readonly { row: { id: string; authValidityDays: number; name: string }; dofr: DofrGrid }[];
  readonly coverages: readonly (Insert<typeof S.coverages> & { contractIndex: number })[];
  readonly practitioners: readonly Insert<typeof S.providers>[];
  readonly facilities: readonly Insert<typeof S.providers>[];
  readonly users: Readonly<Record<'intake' | 'nurse' | 'md' | 'provider' | 'supervisor', { id: string; role: string; displayName: string; credential?: string | null | undefined }>>;
  readonly client: { id: string; clientId: string; name: string };
  readonly northsideId: string;
}

function generateCases(data: DemoData, cx: CaseContext): void {
  const { rng, now, zone } = cx;
  const tenantId = data.tenant.id;
  const heads = new Map<string, { seq: number; hash: string }>();
  const audit = (at: Date, actor: { type: string; id: string; role: string }, action: string, caseId: string, details: { [k: string]: Json }) => {
    const chainId = chainIdFor({ caseId, action, actorId: actor.id, recordType: 'case', recordId: caseId });
    const head = heads.get(chainId) ?? { seq: 0, hash: GENESIS_HASH };
    const content = { tenantId, chainId, seq: head.seq + 1, id: rng.uuid(), at, actorType: actor.type, actorId: actor.id, actorRole: actor.role, action, recordType: 'case', recordId: caseId, caseId, ip: null, requestId: null, details, prevHash: head.hash };
    const hash = hashEvent(content);
    data.auditEvents.push({ ...content, hash });
    heads.set(chainId, { seq: content.seq, hash });
  };
  const userActor = (x: { id: string; role: string }) => ({ type: 'user', id: x.id, role: x.role });
  const note = (caseId: string, at: Date, kind: string, visibility: string, body: string, author: { id: string; displayName: string }) =>
    data.notes.push({ tenantId, id: rng.uuid(), caseId, kind, visibility, body, authorType: 'user', authorId: author.id, authorName: author.displayName, createdAt: at });

  for (const [plan, count] of CASE_PLAN) {
    for (let n = 0; n < count; n++) {
      const open = ['intake', 'nurse_review', 'md_review', 'pended_info'].includes(plan);
      const ageHours = open ? rng.int(1, 24 * 9) : rng.int(24 * 3, 24 * 45);
      const receivedAt = new Date(now.getTime() - ageHours * 3600_000 - rng.int(0, 3599) * 1000);
      // Members with coverage in force, except for the intake cases (eligibility to confirm).
      const wantTermed = plan === 'intake';
      let cov = rng.pick(cx.coverages);
      for (let tries = 0; tries < 50 && (cov.effectiveTo !== null) !== wantTermed; tries++) cov = rng.pick(cx.coverages);
      const contract = cx.contracts[cov.contractIndex]!;
      const risk = (s: CatalogService) => contract.dofr[classifyServiceGroup({ codeSystem: s.codeSystem, code: s.code, placeOfService: s.placeOfService, partB: s.partB ?? false })] ?? 'ipa';
      const wantPlanRisk = plan === 'forwarded';
      const candidates = SERVICES.filter((s) => (risk(s) === 'plan') === wantPlanRisk);
      const services = [rng.pick(candidates)];
      if (plan === 'partial') services.push(rng.pick(candidates.filter((s) => s !== services[0])));
      const caseId = rng.uuid();
      const requesting = rng.pick(cx.practitioners);
      // Northside's staff use the portal and its EHR; every other office faxes or phones.
      const channel = requesting.providerOrgId === cx.northsideId ? rng.pick(['portal', 'portal', 'fhir', 'x12', 'fax'] as const) : rng.pick(['fax', 'fax', 'phone'] as const);
      const creator = channel === 'portal' ? userActor(cx.users.provider) : channel === 'fhir' || channel === 'x12' ? { type: 'client', id: cx.client.clientId, role: 'client' } : userActor(cx.users.intake);
      const expedited = rng.chance(0.15);
      const start = DateTime.fromJSDate(receivedAt, { zone }).plus({ days: rng.int(2, 14) }).startOf('day');
      const facility = services.some((s) => s.placeOfService === '21' || s.placeOfService === '22' || s.placeOfService === '31') ? rng.pick(cx.facilities) : null;

      const lineRows = services.map((s, i) => ({
        tenantId,
        id: rng.uuid(),
        caseId,
        lineNo: i + 1,
        codeSystem: s.codeSystem,
        code: s.code,
        modifiers: [] as string[],
        description: s.description,
        units: s.units,
        unitType: s.unitType,
        fromDate: start.toISODate() ?? '',
        toDate: start.plus({ days: s.spanDays - 1 }).toISODate() ?? '',
        placeOfService: s.placeOfService,
        serviceGroup: classifyServiceGroup({ codeSystem: s.codeSystem, code: s.code, placeOfService: s.placeOfService, partB: s.partB ?? false }),
        responsibility: risk(s),
        requirement: 'required',
        subjectToPa: true,
        partB: s.partB ?? false,
        outcome: null as LineOutcome | null,
        approvedUnits: null as number | null,
        approvedFrom: null as string | null,
        approvedTo: null as string | null,
        authorizationNumber: null as string | null,
        decidedAt: null as Date | null,
      }));
      let status: CaseStatus = wantTermed ? 'intake' : 'nurse_review';
      let assignedUserId: string | null = null;
      let closeReason: string | null = null;
      let pendMessage: string | null = null;
      let pendedFromStatus: string | null = null;
      let t = new Date(receivedAt.getTime() + rng.int(5, 90) * 60_000);
      const later = (minutes: number) => (t = new Date(Math.min(now.getTime() - 60_000, t.getTime() + minutes * 60_000)));
      audit(receivedAt, creator, 'case.create', caseId, { channel, kind: 'prior_auth', priority: expedited ? 'expedited' : 'standard', status, lines: lineRows.length });

      const decide = (outcome: 'approved' | 'approved_modified' | 'denied' | 'no_auth_required', by: { id: string; role: string; displayName: string; credential?: string | null | undefined }, line: (typeof lineRows)[number]) => {
        const at = later(rng.int(30, 60 * 30));
        const approving = outcome === 'approved' || outcome === 'approved_modified';
        const reason = outcome === 'denied' || outcome === 'approved_modified' ? rng.pick(DENIAL_REASONS.slice(0, outcome === 'denied' ? 4 : 1)) : null;
        const units = approving ? (outcome === 'approved_modified' ? Math.max(1, Math.floor(line.units / 2)) : line.units) : null;
        const period = approving ? validityPeriod({ from: line.fromDate, to: line.toDate, decisionDate: line.fromDate, validityDays: contract.row.authValidityDays, coverageEnd: cov.effectiveTo ?? null }) : null;
        const auth = approving ? formatAuthorizationNumber(rng.bytes(8)) : null;
        Object.assign(line, { outcome, approvedUnits: units, approvedFrom: period?.from ?? null, approvedTo: period?.to ?? null, authorizationNumber: auth, decidedAt: at });
        data.determinations.push({
          tenantId,
          id: rng.uuid(),
          caseId,
          lineId: line.id,
          outcome,
          approvedUnits: units,
          approvedFrom: period?.from ?? null,
          approvedTo: period?.to ?? null,
          category: reason?.category ?? null,
          reasonCode: reason?.reasonCode ?? (outcome === 'no_auth_required' ? 'PA-NOT-LISTED' : null),
          reason: reason?.reason ?? null,
          basisKind: reason === null ? 'reviewer_judgement' : 'coverage_rule',
          coverageRule: reason?.rule ?? null,
          coverageRuleReference: reason?.reference ?? null,
          decidedByType: 'user',
          decidedById: by.id,
          decidedByRole: by.role,
          decidedByCredential: by.credential ?? null,
          decidedByName: by.displayName,
          decidedAt: at,
          authorizationNumber: auth,
          validFrom: period?.from ?? null,
          validTo: period?.to ?? null,
        });
        audit(at, userActor(by), 'case.decide', caseId, { lines: [{ lineId: line.id, outcome, authorizationNumber: auth }], ...(reason === null ? {} : { category: reason.category, reasonCode: reason.reasonCode }) });
      };

      switch (plan) {
        case 'intake':
          break;
        case 'nurse_review':
          if (rng.chance(0.5)) {
            assignedUserId = cx.users.nurse.id;
            audit(later(20), userActor(cx.users.nurse), 'case.assign', caseId, { from: null, to: assignedUserId });
          }
          break;
        case 'md_review':
          status = 'md_review';
          note(caseId, later(60), 'referral', 'internal', 'Criteria not clearly met on the records received; referring for physician review.', cx.users.nurse);
          audit(t, userActor(cx.users.nurse), 'case.refer', caseId, { from: 'nurse_review' });
          break;
        case 'pended_info':
          status = 'pended_info';
          pendedFromStatus = 'nurse_review';
          pendMessage = rng.pick(PEND_MESSAGES);
          note(caseId, later(90), 'info_request', 'provider', pendMessage, cx.users.nurse);
          audit(t, userActor(cx.users.nurse), 'case.pend', caseId, { from: 'nurse_review' });
          break;
        case 'approved':
          for (const l of lineRows) decide('approved', rng.chance(0.8) ? cx.users.nurse : cx.users.md, l);
          status = 'decided';
          break;
        case 'no_auth':
          for (const l of lineRows) decide('no_auth_required', cx.users.nurse, l);
          status = 'decided';
          break;
        case 'denied':
        case 'modified':
        case 'partial':
          note(caseId, later(60), 'referral', 'internal', 'Referred for physician review.', cx.users.nurse);
          audit(t, userActor(cx.users.nurse), 'case.refer', caseId, { from: 'nurse_review' });
          note(caseId, later(120), 'peer_to_peer', 'internal', 'Peer-to-peer offered to the requesting physician before the decision.', cx.users.md);
          lineRows.forEach((l, i) => decide(plan === 'modified' ? 'approved_modified' : plan === 'partial' && i === 0 ? 'approved' : 'denied', cx.users.md, l));
          status = 'decided';
          break;
        case 'forwarded':
          for (const l of lineRows) {
            l.outcome = 'forwarded';
            l.decidedAt = receivedAt;
            data.determinations.push({ tenantId, id: rng.uuid(), caseId, lineId: l.id, outcome: 'forwarded', basisKind: 'dofr', coverageRule: `DOFR of contract ${contract.row.name}: ${l.serviceGroup} is at the plan's risk`, decidedByType: 'system', decidedById: 'automation', decidedByRole: 'automation', decidedByName: 'OpenUM routing', decidedAt: receivedAt });
          }
          status = 'forwarded_to_plan';
          break;
        case 'withdrawn':
          for (const l of lineRows) Object.assign(l, { outcome: 'withdrawn', decidedAt: later(240) });
          closeReason = 'The member chose to postpone the procedure.';
          status = 'withdrawn';
          audit(t, userActor(cx.users.provider), 'case.withdraw', caseId, { lines: lineRows.length, status });
          break;
        case 'cancelled':
          closeReason = 'Duplicate of a request already received by fax.';
          status = 'cancelled';
          audit(later(30), userActor(cx.users.intake), 'case.cancel', caseId, { from: 'nurse_review' });
          break;
      }
      const closed = !open;
      data.lines.push(...lineRows);
      services[0]!.diagnoses.forEach((code, i) => data.diagnoses.push({ tenantId, caseId, seq: i + 1, system: 'ICD-10-CM', code }));
      data.cases.push({
        tenantId,
        id: caseId,
        kind: 'prior_auth',
        priority: expedited ? 'expedited' : 'standard',
        expediteRequestedBy: expedited ? 'physician' : null,
        expeditePhysicianSupported: expedited,
        requesterType: requesting.networkStatus === 'in_network' ? 'contracted_provider' : 'non_contracted_provider',
        channel,
        receivedAt,
        status,
        disposition: deriveDisposition(lineRows, status),
        assignedUserId,
        memberId: cov.memberId,
        coverageId: wantTermed ? null : cov.id,
        contractId: wantTermed ? null : (cov.contractId ?? null),
        planOrgId: wantTermed ? null : cov.planOrgId,
        ipaOrgId: wantTermed ? null : (cov.ipaOrgId ?? null),
        lineOfBusiness: wantTermed ? null : cov.lineOfBusiness,
        eligibility: wantTermed ? 'not_covered' : 'eligible',
        eligibilityNote: wantTermed ? `No coverage in force on ${lineRows[0]!.fromDate}: for intake staff to confirm eligibility` : null,
        requestingProviderId: requesting.id,
        servicingProviderId: facility?.id ?? requesting.id,
        facilityId: facility?.id ?? null,
        submitterOrgId: requesting.providerOrgId ?? null,
        sourceFormat: 'json',
        closeReason,
        pendMessage,
        pendedFromStatus,
        createdByType: creator.type,
        createdById: creator.id,
        createdAt: receivedAt,
        updatedAt: t,
        closedAt: closed ? t : null,
      });
    }
  }
  data.auditHeads = [...heads].map(([chainId, h]) => ({ tenantId, chainId, seq: h.seq, hash: h.hash, updatedAt: now }));
}

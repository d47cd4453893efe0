/**
 * `openum import 834 FILE` and the admin upload: an 834 enrollment file (005010X220A1) read as a
 * stream and applied member by member in batches, never held in memory. Nothing is kept from what
 * the envelope checks reject: each interchange is one database transaction, each functional group
 * and each transaction set a savepoint in it, rolled back when its 999 (AK9 / IK5 R) or TA1 says
 * so. Members with errors are reported with their segment positions and not applied; the others
 * are. Re-importing a file changes nothing. A full file (BGN08 RX or 4, or every member INS03 030)
 * can terminate, on the day before its effective date, the spans of members it does not list.
 */
import type { Db, Tx } from '../../../platform/db';
import type { Actor } from '../../../platform/auth/model';
import type { Clock } from '../../../platform/context';
import { appendAudit } from '../../../audit/store';
import type { LineOfBusiness, ProductType } from '../../../tenancy/model';
import type { GroupAck, Ta1 } from '../ack/types';
import type { X12Event } from '../events';
import { readX12 } from '../read';
import { chunksOf, type X12Source } from '../syntax/read';
import type { EnrollmentHeader } from '../tx834/types';
import { applyBatch, type BatchItem } from './apply';
import { prepareMember } from './prepare';
import { resolveTarget, termMissing, type Target } from './target';

export interface EnrollmentOptions {
  readonly db: Db;
  readonly tenantId: string;
  readonly actor: Actor;
  readonly clock: Clock;
  /** The health plan the file is for (name, payer id, tax id or NPI); default: the payer N1*IN names. */
  readonly plan?: string;
  /** The delegate (IPA) whose contract the spans belong to; default: the only delegate of the plan for the line of business. */
  readonly ipa?: string;
  /** Default: the only line of business of the plan's contracts. */
  readonly lineOfBusiness?: LineOfBusiness;
  /** Default: HD03 when it names one (HMO, PPO, POS, EPO). */
  readonly productType?: ProductType;
  /** Terminate the spans of the plan's members the (full) file does not list. */
  readonly termMissing?: boolean;
  /** Last day of coverage of those members (default: the day before the file's effective date). */
  readonly termDate?: string;
  /** Called with the bytes read so far. */
  readonly onProgress?: (bytes: number) => void;
  readonly batchSize?: number;
}

export interface MemberProblem {
  /** Stream position of the member's INS segment (the first segment is 1) and its position in the set (ST = 1). */
  readonly position: { readonly first: number; readonly inSet: number };
  readonly member: string;
  readonly message: string;
}

export interface EnrollmentReport {
  members: number;
  added: number;
  updated: number;
  unchanged: number;
  termed: number;
  reinstated: number;
  /** Spans ended because a full file did not list their member. */
  termedMissing: number;
  readonly errors: MemberProblem[];
  /** Whole interchanges, groups or sets not applied, and why. */
  readonly rejected: string[];
  /** The 999 verdict of each functional group and the TA1s (to return to the sender). */
  readonly acks: GroupAck[];
  readonly ta1: Ta1[];
}

class Rollback extends Error {}

const empty = (): EnrollmentReport => ({ members: 0, added: 0, updated: 0, unchanged: 0, termed: 0, reinstated: 0, termedMissing: 0, errors: [], rejected: [], acks: [], ta1: [] });

function add(into: EnrollmentReport, from: EnrollmentReport): void {
  into.members += from.members;
  into.added += from.added;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.termed += from.termed;
  into.reinstated += from.reinstated;
  into.termedMissing += from.termedMissing;
}

async function* counted(source: X12Source, onProgress: ((bytes: number) => void) | undefined): AsyncGenerator<string | Uint8Array> {
  let bytes = 0;
  for await (const c of chunksOf(source)) {
    bytes += c.length;
    onProgress?.(bytes);
    yield c;
  }
}

export async function importEnrollment(source: X12Source, o: EnrollmentOptions): Promise<EnrollmentReport> {
  const report = empty();
  const events = readX12(counted(source, o.onProgress), { accept: ['834'] });
  let pushedBack: X12Event | undefined;
  const next = async (): Promise<X12Event | undefined> => {
    if (pushedBack !== undefined) {
      const e = pushedBack;
      pushedBack = undefined;
      return e;
    }
    const r = await events.next();
    return r.done === true ? undefined : r.value;
  };
  const batchSize = o.batchSize ?? 500;

  /** One transaction set: its members until its `transaction` event. */
  async function set(tx: Tx, header: EnrollmentHeader, tally: EnrollmentReport): Promise<void> {
    const setTally = empty();
    const seen = new Set<string>();
    let all030 = true;
    try {
      await tx.transaction(async (stx) => {
        const target: Target | string = await resolveTarget(stx, o, header);
        let batch: BatchItem[] = [];
        const flush = async (): Promise<void> => {
          if (batch.length === 0 || typeof target === 'string') return;
          const items = batch;
          batch = [];
          const r = await applyBatch(stx, target, o.clock.now(), items);
          setTally.added += r.added;
          setTally.updated += r.updated;
          setTally.unchanged += r.unchanged;
          setTally.termed += r.termed;
          setTally.reinstated += r.reinstated;
          report.errors.push(...r.errors);
          await appendAudit(stx, { tenantId: o.tenantId, actor: o.actor, at: o.clock.now() }, {
            action: 'member.import',
            recordType: 'member',
            recordId: `834 ${header.reference} segments ${items[0]?.position.first ?? 0}-${items.at(-1)?.position.first ?? 0}`,
            details: { source: 'x12-834', members: items.length, added: r.added, updated: r.updated, termed: r.termed, reinstated: r.reinstated },
          });
        };
        if (typeof target === 'string') report.rejected.push(`834 ${header.reference}: ${target}`);
        for (;;) {
          const e = await next();
          if (e === undefined) throw new Rollback(`834 ${header.reference}: the input ends inside the set`);
          if (e.type === 'enrollment-member') {
            const m = e.member;
            setTally.members++;
            if (m.maintenanceType !== '030') all030 = false;
            const p = prepareMember(m, o.productType);
            if (p.ok) seen.add(p.value.memberNumber);
            else if (m.subscriberId !== undefined && m.subscriber) seen.add(m.subscriberId);
            if (typeof target === 'string') continue;
            if (!p.ok) {
              report.errors.push({ position: { first: m.position.first, inSet: m.position.inSet }, member: p.label, message: p.message });
              continue;
            }
            // A member twice in one batch would be upserted twice in one statement: write the first one first.
            if (batch.some((b) => b.member.memberNumber === p.value.memberNumber)) await flush();
            batch.push({ position: { first: m.position.first, inSet: m.position.inSet }, member: p.value });
            if (batch.length >= batchSize) await flush();
          } else if (e.type === 'transaction') {
            await flush();
            if (e.ack.code === 'R') throw new Rollback(`834 ${header.reference}: the set is rejected (IK5 R ${e.ack.errors.join(' ')})`);
            if (typeof target !== 'string' && o.termMissing === true) {
              const full = header.action === 'RX' || header.action === '4' || (all030 && setTally.members > 0);
              if (!full) report.rejected.push(`834 ${header.reference}: --term-missing needs a full file (BGN08 RX or 4, or INS03 030 for every member); nobody was terminated`);
              else setTally.termedMissing += await termMissing(stx, target, seen, o, header);
            }
            return;
          } else if (e.type === 'group-end' || e.type === 'interchange-end' || e.type === 'stream-error' || e.type === 'interchange-start') {
            pushedBack = e;
            throw new Rollback(`834 ${header.reference}: the set has no end`);
          }
        }
      });
      add(tally, setTally);
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      report.rejected.push(e.message);
    }
  }

  /** One functional group: its sets until `group-end`. */
  async function group(tx: Tx, tally: EnrollmentReport): Promise<void> {
    const groupTally = empty();
    try {
      await tx.transaction(async (gtx) => {
        for (;;) {
          const e = await next();
          if (e === undefined) throw new Rollback('the input ends inside a functional group');
          if (e.type === 'enrollment-header') await set(gtx, e.enrollment, groupTally);
          else if (e.type === 'group-end') {
            report.acks.push(e.ack);
            if (e.ack.code === 'R') throw new Rollback(`group ${e.header.controlNumber}: rejected by its 999 (AK9 R ${e.ack.errors.join(' ')})`);
            return;
          } else if (e.type === 'interchange-end' || e.type === 'stream-error' || e.type === 'interchange-start') {
            pushedBack = e;
            throw new Rollback('the functional group has no GE');
          }
        }
      });
      add(tally, groupTally);
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      report.rejected.push(e.message);
    }
  }

  /** One interchange: one transaction, committed only when the IEA accepts it. */
  async function interchange(): Promise<void> {
    const tally = empty();
    try {
      await o.db.transaction(async (tx) => {
        for (;;) {
          const e = await next();
          if (e === undefined) throw new Rollback('the input ends before the IEA');
          if (e.type === 'group-start') await group(tx, tally);
          else if (e.type === 'interchange-end') {
            if (e.ta1 !== undefined) report.ta1.push(e.ta1);
            if (!e.accepted) throw new Rollback(`interchange ${e.header.controlNumber}: rejected by its TA1 (${e.ta1?.note ?? ''} ${e.ta1?.message ?? ''}); nothing in it is applied`);
            return;
          } else if (e.type === 'stream-error' || e.type === 'interchange-start') {
            pushedBack = e;
            throw new Rollback('the interchange has no IEA; nothing in it is applied');
          }
        }
      });
      add(report, tally);
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      report.rejected.push(e.message);
    }
  }

  for (let e = await next(); e !== undefined; e = await next()) {
    if (e.type === 'interchange-start') await interchange();
    else if (e.type === 'stream-error') report.rejected.push(`the input cannot be read: ${e.message}`);
  }
  report.errors.sort((a, b) => a.position.first - b.position.first);
  return report;
}

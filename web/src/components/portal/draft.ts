/**
 * Drafts of a new request, kept per user in this browser (localStorage) and restored when the
 * provider comes back; cleared when the request is submitted, and forgotten after 7 days. The
 * submission's Idempotency-Key is part of the draft: submitting again after a lost answer (even
 * after a reload) returns the request already made instead of making a second one. Documents are
 * not kept (files cannot be stored here).
 */
import type { Answers } from '../QuestionnaireForm';
import { STANDARD, type ExpediteState } from './ExpediteChoice';

export interface DraftLine {
  readonly key: number;
  readonly code: string;
  readonly units: number;
  readonly fromDate: string;
  readonly toDate: string;
  readonly pos: string;
}

export interface MemberHit {
  readonly id: string;
  readonly memberNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
}

export interface Draft {
  readonly idempotencyKey: string;
  readonly memberNumber: string;
  readonly member: MemberHit | null;
  readonly npi: string;
  readonly servicingNpi: string;
  readonly diagnoses: string;
  readonly expedite: ExpediteState;
  readonly lines: readonly DraftLine[];
  readonly answers: Readonly<Record<number, Answers>>;
  readonly checked: boolean;
}

interface Stored {
  readonly v: 1;
  readonly savedAt: string;
  readonly draft: Draft;
}

const MAX_AGE_MS = 7 * 86_400_000;

export const draftKey = (tenantId: string, userId: string): string => `openum.portal.draft.${tenantId}.${userId}`;

export const today = (): string => new Date().toISOString().slice(0, 10);

export function emptyDraft(): Draft {
  return { idempotencyKey: crypto.randomUUID(), memberNumber: '', member: null, npi: '', servicingNpi: '', diagnoses: '', expedite: STANDARD, lines: [{ key: 1, code: '', units: 1, fromDate: today(), toDate: '', pos: '' }], answers: {}, checked: false };
}

/** Whether anything was typed (a form as it opens is not worth keeping). */
export function hasContent(d: Draft): boolean {
  return d.memberNumber.trim() !== '' || d.npi.trim() !== '' || d.servicingNpi.trim() !== '' || d.diagnoses.trim() !== '' || d.lines.some((l) => l.code.trim() !== '') || d.expedite.priority === 'expedited';
}

const isStored = (v: unknown): v is Stored =>
  typeof v === 'object' && v !== null && 'v' in v && v.v === 1 && 'savedAt' in v && typeof v.savedAt === 'string' && 'draft' in v && typeof v.draft === 'object' && v.draft !== null && 'lines' in v.draft && Array.isArray(v.draft.lines) && 'idempotencyKey' in v.draft && typeof v.draft.idempotencyKey === 'string';

export function loadDraft(storage: Storage, key: string, now: Date): { draft: Draft; savedAt: string } | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isStored(parsed) || now.getTime() - new Date(parsed.savedAt).getTime() > MAX_AGE_MS) {
      storage.removeItem(key);
      return null;
    }
    return { draft: { ...emptyDraft(), ...parsed.draft }, savedAt: parsed.savedAt };
  } catch {
    storage.removeItem(key);
    return null;
  }
}

export function saveDraft(storage: Storage, key: string, d: Draft, now: Date): void {
  const s: Stored = { v: 1, savedAt: now.toISOString(), draft: d };
  try {
    storage.setItem(key, JSON.stringify(s));
  } catch {
    // Storage full or disabled: the form still works, only the draft is not kept.
  }
}

export function clearDraft(storage: Storage, key: string): void {
  storage.removeItem(key);
}

import { foreignKey, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId } from '../platform/db/columns';
import { cases } from '../intake/schema';

/** A physician reviewer's request for a specialist's opinion on a case, and when it was answered. */
export const opinionRequests = pgTable(
  'opinion_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    specialistUserId: uuid('specialist_user_id').notNull(),
    requestedById: uuid('requested_by_id').notNull(),
    questionNoteId: uuid('question_note_id').notNull(),
    requestedAt: instant('requested_at').notNull(),
    answerNoteId: uuid('answer_note_id'),
    answeredAt: instant('answered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index('opinion_requests_open_idx').on(t.tenantId, t.specialistUserId, t.answeredAt),
  ],
);


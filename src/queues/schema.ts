/**
 * Work-queue routing facts about reviewers beyond their user record: further licence states (a
 * multistate or second licence), specialties, and the service categories they are limited to
 * (e.g. a pharmacist working only drug requests). See docs/clocks.md "Queues and routing".
 */
import { sql } from 'drizzle-orm';
import { foreignKey, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId } from '../platform/db/columns';
import { users } from '../platform/auth/schema';

export const reviewerRouting = pgTable(
  'reviewer_routing',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    /** Licence states in addition to `users.licence_state`. */
    licenceStates: text('licence_states').array().notNull().default(sql`'{}'::text[]`),
    /** Specialties in addition to `users.specialty`. */
    specialties: text('specialties').array().notNull().default(sql`'{}'::text[]`),
    /** When not empty, the reviewer is handed only cases of these service categories. */
    serviceCategories: text('service_categories').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] })],
);

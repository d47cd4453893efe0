/** Writing a checked attachment onto a case: the one insert both the review workflow and portal submissions use. */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/auth/model';
import type { Tx } from '../platform/db';
import type { CheckedAttachment } from './attachments';
import { attachments } from './schema';

export interface StoredAttachment {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export async function insertAttachment(tx: Tx, on: { readonly tenantId: string; readonly caseId: string }, checked: CheckedAttachment, by: Actor, at: Date): Promise<StoredAttachment> {
  const id = randomUUID();
  await tx.insert(attachments).values({
    tenantId: on.tenantId,
    id,
    caseId: on.caseId,
    fileName: checked.fileName,
    contentType: checked.contentType,
    sizeBytes: checked.content.length,
    sha256: checked.sha256,
    content: checked.content,
    uploadedByType: by.type,
    uploadedById: by.id,
    createdAt: at,
  });
  return { id, fileName: checked.fileName, contentType: checked.contentType, sizeBytes: checked.content.length, sha256: checked.sha256 };
}

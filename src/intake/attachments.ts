/**
 * Attachment checks (pure): the declared type must be one we accept and must match the file's
 * leading bytes, and the size must be within the configured limit.
 */
import { createHash } from 'node:crypto';
import { UmError } from '../platform/errors';
import { ATTACHMENT_TYPES, type AttachmentType } from './model';

const SIGNATURES: Record<AttachmentType, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/tiff': (b) => ['49492a00', '4d4d002a'].includes(b.subarray(0, 4).toString('hex')),
  // Plain text: valid UTF-8 with no NUL or other control bytes than tab / CR / LF / FF.
  'text/plain': (b) => {
    const s = b.toString('utf8');
    if (s.includes('\uFFFD')) return false;
    for (const ch of s) {
      const c = ch.charCodeAt(0);
      if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) return false;
    }
    return true;
  },
};

export const isAttachmentType = (t: string): t is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(t);

export interface CheckedAttachment {
  readonly fileName: string;
  readonly contentType: AttachmentType;
  readonly content: Buffer;
  /** SHA-256 of the content, hex: stored with the attachment and cited in its audit event. */
  readonly sha256: string;
}

export function checkAttachment(fileName: string, contentType: string, contentBase64: string, maxBytes: number): CheckedAttachment {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!isAttachmentType(type)) {
    throw new UmError('UM_ERR_ATTACHMENT_TYPE', `Attachments may be ${ATTACHMENT_TYPES.join(', ')}; "${contentType}" is not accepted`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64.replace(/\s/g, ''))) {
    throw new UmError('UM_ERR_VALIDATION', 'The attachment content is not base64', { details: [{ path: 'contentBase64', message: 'not base64' }] });
  }
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0) throw new UmError('UM_ERR_VALIDATION', 'The attachment is empty', { details: [{ path: 'contentBase64', message: 'empty' }] });
  if (content.length > maxBytes) {
    throw new UmError('UM_ERR_ATTACHMENT_TOO_LARGE', `The attachment is ${content.length} bytes; the limit is ${maxBytes}`);
  }
  if (!SIGNATURES[type](content)) {
    throw new UmError('UM_ERR_ATTACHMENT_TYPE', `The file's content is not ${type}`);
  }
  const name = [...fileName].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch)).join('').slice(0, 200) || 'attachment';
  return { fileName: name, contentType: type, content, sha256: createHash('sha256').update(content).digest('hex') };
}

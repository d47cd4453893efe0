/**
 * Documents to send with a new request (PDF or images). They are uploaded right after the case is
 * created, with the submission's Idempotency-Key: a retry never attaches a file twice.
 */
import { useState } from 'react';
import { Button, CloseButton, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { api } from '../../api';

export const ACCEPT = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;
const EXT: Record<string, (typeof ACCEPT)[number]> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', tif: 'image/tiff', tiff: 'image/tiff' };

/** The type to declare for a file: the browser's, else from its extension; undefined when not accepted. */
export function typeOf(f: Pick<File, 'name' | 'type'>): string | undefined {
  if ((ACCEPT as readonly string[]).includes(f.type)) return f.type;
  return EXT[f.name.split('.').pop()?.toLowerCase() ?? ''];
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(typeof r.result === 'string' ? (r.result.split(',')[1] ?? '') : '');
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export interface UploadResult {
  readonly fileName: string;
  readonly error: string | null;
}

/** Uploads each file to the new case under the submission's key; one failure does not stop the others. */
export async function uploadAll(caseId: string, idempotencyKey: string, files: readonly File[]): Promise<UploadResult[]> {
  const out: UploadResult[] = [];
  for (const f of files) {
    try {
      await api('POST', `/api/cases/${caseId}/submission-attachments`, { fileName: f.name, contentType: typeOf(f) ?? f.type, contentBase64: await toBase64(f) }, { 'idempotency-key': idempotencyKey });
      out.push({ fileName: f.name, error: null });
    } catch (e) {
      out.push({ fileName: f.name, error: e instanceof Error ? e.message : 'not sent' });
    }
  }
  return out;
}

export function SubmissionFiles({ files, onChange }: { files: readonly File[]; onChange: (files: File[]) => void }) {
  const [rejected, setRejected] = useState<string[]>([]);
  const add = (picked: File[]) => {
    const ok = picked.filter((f) => typeOf(f) !== undefined && !files.some((x) => x.name === f.name && x.size === f.size));
    onChange([...files, ...ok]);
    setRejected(picked.filter((f) => typeOf(f) === undefined).map((f) => f.name));
  };
  return (
    <Stack gap={4} component="section" aria-labelledby="documents-title">
      <Group gap="sm">
        <Text fw={600} size="sm" id="documents-title">Documents</Text>
        <FileButton onChange={add} accept={ACCEPT.join(',')} multiple>
          {(props) => <Button {...props} size="xs" variant="light">Add documents</Button>}
        </FileButton>
        <Text size="xs" c="dimmed">PDF or images (PNG, JPEG, TIFF): office notes, test results. Sent with the request.</Text>
      </Group>
      {rejected.length > 0 && <Text size="sm" c="red.9" role="alert">Not added (only PDF, PNG, JPEG or TIFF): {rejected.join(', ')}</Text>}
      {files.length > 0 && (
        <List size="sm" aria-label="Documents to send">
          {files.map((f) => (
            <List.Item key={`${f.name}:${f.size}`}>
              <Group gap={4}>
                <Text size="sm">{f.name} <Text span size="xs" c="dimmed">({Math.max(1, Math.ceil(f.size / 1024))} KB)</Text></Text>
                <CloseButton size="sm" aria-label={`Remove ${f.name}`} onClick={() => onChange(files.filter((x) => x !== f))} />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

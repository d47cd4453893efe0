import { useState } from 'react';
import { Alert, Button, Card, FileButton, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, loadSession } from '../api';
import type { CaseDetail } from '../types';

const ACCEPT = 'application/pdf,image/png,image/jpeg,image/tiff,text/plain';

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(typeof r.result === 'string' ? (r.result.split(',')[1] ?? '') : '');
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** Attachments: viewed in the page (PDF and images), and uploaded by staff or by the provider answering a request for information. */
export function AttachmentsPanel({ c }: { c: CaseDetail }) {
  const qc = useQueryClient();
  const [viewing, setViewing] = useState<{ name: string; url: string; type: string } | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => api('POST', `/api/cases/${c.id}/attachments`, { fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64: await toBase64(file) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['case', c.id] }),
  });
  const view = async (a: CaseDetail['attachments'][number]) => {
    const res = await fetch(`/api/cases/${c.id}/attachments/${a.id}`, { headers: { authorization: `Bearer ${loadSession()?.token ?? ''}` } });
    setViewing({ name: a.fileName, type: a.contentType, url: URL.createObjectURL(await res.blob()) });
  };
  if (c.attachments.length === 0 && !c.actions.addAttachment) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="attachments-title">
      <Title order={2} size="h5" id="attachments-title" mb="xs">Attachments</Title>
      <Stack gap={4}>
        {c.attachments.length === 0 && <Text size="sm" c="dimmed">No documents yet.</Text>}
        {c.attachments.map((a) => (
          <Group key={a.id} justify="space-between">
            <Text size="sm">{a.fileName} <Text span size="xs" c="dimmed">({a.contentType}, {Math.ceil(a.sizeBytes / 1024)} KB)</Text></Text>
            <Button size="xs" variant="subtle" onClick={() => void view(a)}>View</Button>
          </Group>
        ))}
        {c.actions.addAttachment && (
          <FileButton onChange={(f) => f !== null && upload.mutate(f)} accept={ACCEPT}>
            {(props) => <Button {...props} size="xs" variant="light" loading={upload.isPending}>{c.status === 'pended_info' ? 'Upload the requested document' : 'Attach a document'}</Button>}
          </FileButton>
        )}
        {upload.error !== null && <Alert color="red" role="alert">{upload.error instanceof ApiError ? upload.error.message : 'Not uploaded'}</Alert>}
      </Stack>
      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title={viewing?.name} size="90%">
        {viewing !== null &&
          (viewing.type.startsWith('image/') ? (
            <img src={viewing.url} alt={viewing.name} style={{ maxWidth: '100%' }} />
          ) : (
            <iframe title={viewing.name} src={viewing.url} style={{ width: '100%', height: '75vh', border: 0 }} />
          ))}
      </Modal>
    </Card>
  );
}

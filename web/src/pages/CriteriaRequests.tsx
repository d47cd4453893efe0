/**
 * Staff: the criteria-request log — requests received by phone, by mail or fax, and on-site review
 * visits (scheduled date, form received, who met the provider) — with their fulfilment. Portal and
 * API requests appear here too. Everything is in the audit trail.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';

interface RequestRow {
  id: string;
  caseId: string | null;
  channel: string;
  requesterName: string;
  requesterOrganisation: string | null;
  receivedAt: string;
  subject: string | null;
  visitScheduledFor: string | null;
  formReceived: boolean | null;
  metBy: string | null;
  status: string;
  fulfilledAt: string | null;
  fulfilledByName: string | null;
  fulfilmentMethod: string | null;
}

const CHANNELS = [{ value: 'phone', label: 'Phone' }, { value: 'mail', label: 'Mail' }, { value: 'fax', label: 'Fax' }, { value: 'on_site', label: 'On-site review visit' }];
const METHODS = ['mail', 'fax', 'email', 'phone', 'in_person', 'portal'];

export function CriteriaRequestsPage() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['criteria-log'], queryFn: () => api<{ items: RequestRow[] }>('GET', '/api/criteria-requests') });
  const [form, setForm] = useState({ channel: 'phone', caseNumber: '', requesterName: '', requesterOrganisation: '', requesterContact: '', subject: '', visitScheduledFor: '', formReceived: false, metBy: '' });
  const [fulfil, setFulfil] = useState<{ id: string; method: string; note: string; metBy: string } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['criteria-log'] });
  const log = useMutation({
    mutationFn: () => {
      const opt = (k: string, v: string) => (v.trim() === '' ? {} : { [k]: v.trim() });
      return api('POST', '/api/criteria-requests', {
        channel: form.channel, requesterName: form.requesterName.trim(), ...opt('caseNumber', form.caseNumber), ...opt('requesterOrganisation', form.requesterOrganisation), ...opt('requesterContact', form.requesterContact), ...opt('subject', form.subject),
        ...(form.channel === 'on_site' ? { ...opt('visitScheduledFor', form.visitScheduledFor), formReceived: form.formReceived, ...opt('metBy', form.metBy) } : {}),
      });
    },
    onSuccess: () => { refresh(); setForm((f) => ({ ...f, caseNumber: '', requesterName: '', requesterOrganisation: '', requesterContact: '', subject: '' })); },
  });
  const done = useMutation({
    mutationFn: (f: { id: string; method: string; note: string; metBy: string }) => api('POST', `/api/criteria-requests/${f.id}/fulfil`, { method: f.method, ...(f.note.trim() === '' ? {} : { note: f.note }), ...(f.metBy.trim() === '' ? {} : { metBy: f.metBy }) }),
    onSuccess: () => { setFulfil(null); refresh(); },
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <Stack gap="md">
      <Title order={1} size="h3">Criteria requests</Title>
      <form aria-label="Log a criteria request" onSubmit={(e) => { e.preventDefault(); log.mutate(); }}>
        <Group align="end" wrap="wrap">
          <Select label="Received by" data={CHANNELS} value={form.channel} onChange={(v) => set({ channel: v ?? 'phone' })} w={190} />
          <TextInput label="Requester" required value={form.requesterName} onChange={(e) => set({ requesterName: e.currentTarget.value })} w={200} />
          <TextInput label="Organisation" value={form.requesterOrganisation} onChange={(e) => set({ requesterOrganisation: e.currentTarget.value })} w={200} />
          <TextInput label="Contact" value={form.requesterContact} onChange={(e) => set({ requesterContact: e.currentTarget.value })} w={170} />
          <TextInput label="Case number" placeholder="UM-1234" value={form.caseNumber} onChange={(e) => set({ caseNumber: e.currentTarget.value })} w={130} />
          <TextInput label="What is asked" value={form.subject} onChange={(e) => set({ subject: e.currentTarget.value })} w={260} />
          {form.channel === 'on_site' && (
            <>
              <TextInput type="date" label="Visit scheduled for" required value={form.visitScheduledFor} onChange={(e) => set({ visitScheduledFor: e.currentTarget.value })} w={170} />
              <TextInput label="Met by" value={form.metBy} onChange={(e) => set({ metBy: e.currentTarget.value })} w={170} />
              <Checkbox label="Request form received" checked={form.formReceived} onChange={(e) => set({ formReceived: e.currentTarget.checked })} />
            </>
          )}
          <Button type="submit" loading={log.isPending}>Log request</Button>
        </Group>
      </form>
      {log.error !== null && <Alert color="red" role="alert">{log.error.message}</Alert>}
      <Table aria-label="Criteria requests" striped>
        <Table.Thead><Table.Tr><Table.Th>Received</Table.Th><Table.Th>By</Table.Th><Table.Th>Requester</Table.Th><Table.Th>Subject</Table.Th><Table.Th>Visit</Table.Th><Table.Th>Status</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td><Text size="xs">{new Date(r.receivedAt).toLocaleString()}</Text></Table.Td>
              <Table.Td>{r.channel.replace('_', ' ')}</Table.Td>
              <Table.Td><Text size="sm">{r.requesterName}</Text><Text size="xs" c="dimmed">{r.requesterOrganisation ?? ''}</Text></Table.Td>
              <Table.Td><Text size="xs">{r.subject ?? ''}</Text></Table.Td>
              <Table.Td><Text size="xs">{r.visitScheduledFor === null ? '' : `${r.visitScheduledFor}${r.formReceived === true ? ' · form received' : ''}${r.metBy === null ? '' : ` · met by ${r.metBy}`}`}</Text></Table.Td>
              <Table.Td>{r.status === 'fulfilled' ? <Badge color="green" variant="light">fulfilled {r.fulfilmentMethod ?? ''}</Badge> : <Badge color="orange" variant="light">open</Badge>}</Table.Td>
              <Table.Td>{r.status === 'open' && <Button size="compact-xs" onClick={() => setFulfil({ id: r.id, method: 'mail', note: '', metBy: r.metBy ?? '' })}>Record fulfilment</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={fulfil !== null} onClose={() => setFulfil(null)} title="Record fulfilment">
        {fulfil !== null && (
          <Stack gap="xs">
            <Select label="Sent by" data={METHODS} value={fulfil.method} onChange={(v) => setFulfil({ ...fulfil, method: v ?? 'mail' })} />
            <TextInput label="Met by (on-site visits)" value={fulfil.metBy} onChange={(e) => setFulfil({ ...fulfil, metBy: e.currentTarget.value })} />
            <Textarea label="Note" value={fulfil.note} onChange={(e) => setFulfil({ ...fulfil, note: e.currentTarget.value })} />
            {done.error !== null && <Alert color="red" role="alert">{done.error.message}</Alert>}
            <Button onClick={() => done.mutate(fulfil)} loading={done.isPending}>Save</Button>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

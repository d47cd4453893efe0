/**
 * Administration: the criteria-set versions stored for the tenant — view each, compare two
 * versions of a set, and put a version in force or take it out. A stored version never changes;
 * a change is a new version (`openum criteria load`, or the API).
 */
import { useState } from 'react';
import { Alert, Badge, Box, Button, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { CriteriaSetDiff } from '../types';

interface VersionRow {
  setId: string;
  version: string;
  title: string;
  status: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  sourceCitation: string;
  clinicallyReviewed: boolean;
  activated: boolean;
  inForceToday: boolean;
  loadedAt: string;
}

function DiffView({ diff }: { diff: CriteriaSetDiff }) {
  const none = diff.fields.length === 0 && diff.criteria.length === 0 && diff.questions.length === 0 && !diff.logicChanged;
  return (
    <Stack gap="xs" aria-label="Differences">
      {none && <Text size="sm">The two versions say the same thing.</Text>}
      {diff.fields.map((f) => <Text size="sm" key={f.field}><b>{f.field}</b>: {JSON.stringify(f.from)} → {JSON.stringify(f.to)}</Text>)}
      {diff.logicChanged && <Text size="sm"><b>How the criteria combine</b> changed.</Text>}
      {diff.criteria.map((c) => <Text size="sm" key={`c-${c.id}`}>Criterion <b>{c.id}</b> {c.change}{c.fields.length > 0 ? `: ${c.fields.map((f) => f.field).join(', ')}` : ''}</Text>)}
      {diff.questions.map((q) => <Text size="sm" key={`q-${q.id}`}>Question <b>{q.id}</b> {q.change}{q.fields.length > 0 ? `: ${q.fields.map((f) => f.field).join(', ')}` : ''}</Text>)}
    </Stack>
  );
}

export function CriteriaAdminPage() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['admin-criteria'], queryFn: () => api<{ date: string; items: VersionRow[] }>('GET', '/api/admin/criteria-sets') });
  const toggle = useMutation({
    mutationFn: (v: { setId: string; version: string; on: boolean }) => api('POST', `/api/admin/criteria-sets/${encodeURIComponent(v.setId)}/versions/${encodeURIComponent(v.version)}/${v.on ? 'activate' : 'deactivate'}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['admin-criteria'] }),
  });
  const [viewing, setViewing] = useState<{ setId: string; version: string } | null>(null);
  const text = useQuery({ queryKey: ['admin-criteria-text', viewing], enabled: viewing !== null, queryFn: () => api<{ text: string }>('GET', `/api/admin/criteria-sets/${encodeURIComponent(viewing?.setId ?? '')}/versions/${encodeURIComponent(viewing?.version ?? '')}`) });
  const [cmpSet, setCmpSet] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const diff = useQuery({ queryKey: ['admin-criteria-diff', cmpSet, from, to], enabled: cmpSet !== null && from !== null && to !== null, queryFn: () => api<CriteriaSetDiff>('GET', `/api/admin/criteria-sets/${encodeURIComponent(cmpSet ?? '')}/compare?from=${encodeURIComponent(from ?? '')}&to=${encodeURIComponent(to ?? '')}`) });
  const items = list.data?.items ?? [];
  const setIds = [...new Set(items.map((i) => i.setId))];
  const versionsOf = (id: string | null) => items.filter((i) => i.setId === id).map((i) => i.version);
  return (
    <Stack gap="md">
      <Title order={1} size="h3">Criteria sets</Title>
      <Text size="sm" c="dimmed">Load set files with <code>openum criteria load [dir]</code>; a stored version is never overwritten. The version in force on the date of service is frozen onto each case.</Text>
      {list.error !== null && <Alert color="red" role="alert">{list.error.message}</Alert>}
      {toggle.error !== null && <Alert color="red" role="alert">{toggle.error.message}</Alert>}
      <Table aria-label="Criteria-set versions" striped>
        <Table.Thead><Table.Tr><Table.Th>Set</Table.Th><Table.Th>Version</Table.Th><Table.Th>Effective</Table.Th><Table.Th>Source</Table.Th><Table.Th>Clinical review</Table.Th><Table.Th>State</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((v) => (
            <Table.Tr key={`${v.setId}@${v.version}`}>
              <Table.Td><Text size="sm" fw={500}>{v.title}</Text><Text size="xs" c="dimmed">{v.setId}</Text></Table.Td>
              <Table.Td>v{v.version} <Text span size="xs" c="dimmed">{v.status}</Text></Table.Td>
              <Table.Td><Text size="xs">{v.effectiveFrom} – {v.effectiveTo ?? 'open'}</Text></Table.Td>
              <Table.Td><Text size="xs">{v.sourceCitation}</Text></Table.Td>
              <Table.Td>{v.clinicallyReviewed ? <Badge color="green" variant="light">reviewed</Badge> : <Badge color="orange" variant="light">not reviewed</Badge>}</Table.Td>
              <Table.Td>{v.inForceToday ? <Badge variant="light" color="green">in force</Badge> : v.activated ? <Badge variant="light" color="blue">activated</Badge> : <Badge variant="light" color="gray">not active</Badge>}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => setViewing({ setId: v.setId, version: v.version })}>View</Button>
                  <Button size="compact-xs" variant="light" color={v.activated ? 'gray' : 'green'} aria-label={`${v.activated ? 'Deactivate' : 'Activate'} ${v.setId} v${v.version}`} onClick={() => toggle.mutate({ setId: v.setId, version: v.version, on: !v.activated })}>{v.activated ? 'Deactivate' : 'Activate'}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={2} size="h4">Compare versions</Title>
      <Group align="end">
        <Select label="Set" data={setIds} value={cmpSet} onChange={(v) => { setCmpSet(v); setFrom(null); setTo(null); }} w={300} searchable />
        <Select label="From version" data={versionsOf(cmpSet)} value={from} onChange={setFrom} w={140} />
        <Select label="To version" data={versionsOf(cmpSet)} value={to} onChange={setTo} w={140} />
      </Group>
      {diff.data !== undefined && <DiffView diff={diff.data} />}
      {diff.error !== null && <Alert color="red" role="alert">{diff.error.message}</Alert>}

      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title={viewing === null ? '' : `${viewing.setId} v${viewing.version}`} size="xl">
        <Box component="pre" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{text.data?.text ?? ''}</Box>
      </Modal>
    </Stack>
  );
}

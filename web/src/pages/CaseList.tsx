import { Alert, Anchor, Badge, Group, Loader, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { DISPOSITION_COLOR, DISPOSITION_LABEL, STATUS_LABEL, formatInstant, label } from '../format';
import type { CaseListItem } from '../types';

const FILTERS = ['queue', 'status', 'kind', 'priority', 'disposition', 'assignee', 'q'] as const;

export function CaseListPage() {
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v !== null && v !== '') query.set(f, v);
  }
  query.set('limit', '100');
  const { data, isLoading, error } = useQuery({
    queryKey: ['cases', query.toString()],
    queryFn: () => api<{ items: CaseListItem[] }>('GET', `/api/cases?${query.toString()}`),
    refetchInterval: 30_000,
  });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const tz = session?.tenant.timeZone ?? 'UTC';
  return (
    <>
      <Title order={1} size="h3" mb="sm">Cases</Title>
      <Group mb="md" align="end" wrap="wrap">
        <TextInput label="Search" placeholder="Case number, member number or last name" value={params.get('q') ?? ''} onChange={(e) => set('q', e.currentTarget.value)} w={280} />
        <Select label="Status" clearable data={Object.entries(STATUS_LABEL).map(([value, l]) => ({ value, label: l }))} value={params.get('status')} onChange={(v) => set('status', v)} w={200} />
        <Select
          label="Kind"
          clearable
          data={['prior_auth', 'referral', 'admission_notification', 'concurrent_review', 'snf_admission', 'post_stabilization', 'retrospective', 'reconsideration'].map((k) => ({ value: k, label: k.replace(/_/g, ' ') }))}
          value={params.get('kind')}
          onChange={(v) => set('kind', v)}
          w={200}
        />
        <Select label="Priority" clearable data={[{ value: 'standard', label: 'Standard' }, { value: 'expedited', label: 'Expedited' }]} value={params.get('priority')} onChange={(v) => set('priority', v)} w={140} />
      </Group>
      {error !== null && <Alert color="red" role="alert">{error.message}</Alert>}
      {isLoading ? (
        <Loader role="status" aria-label="Loading cases" />
      ) : (
        <Table striped highlightOnHover stickyHeader aria-label="Cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Case</Table.Th>
              <Table.Th>Member</Table.Th>
              <Table.Th>Codes</Table.Th>
              <Table.Th>Priority</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Disposition</Table.Th>
              <Table.Th>Received</Table.Th>
              <Table.Th>Assigned</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${c.id}`} fw={600}>{c.caseNumber}</Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.member.name}</Text>
                  <Text size="xs" c="dimmed">{c.member.memberNumber}</Text>
                </Table.Td>
                <Table.Td>{c.codes}</Table.Td>
                <Table.Td>{c.priority === 'expedited' ? <Badge color="red.9">Expedited</Badge> : 'Standard'}</Table.Td>
                <Table.Td>{label(STATUS_LABEL, c.status)}</Table.Td>
                <Table.Td><Badge color={DISPOSITION_COLOR[c.disposition] ?? 'gray'} variant="light">{label(DISPOSITION_LABEL, c.disposition)}</Badge></Table.Td>
                <Table.Td>{formatInstant(c.receivedAt, tz)}</Table.Td>
                <Table.Td>{c.assignedTo?.displayName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data !== undefined && data.items.length === 0 && <Text c="dimmed" mt="md">No cases match these filters.</Text>}
    </>
  );
}

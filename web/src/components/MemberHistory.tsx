import { Anchor, Badge, Card, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { DISPOSITION_COLOR, DISPOSITION_LABEL, STATUS_LABEL, formatInstant, label } from '../format';
import type { CaseDetail, CaseListItem } from '../types';

/** Kinds that are stays rather than services: shown as admissions in the member's history. */
const ADMISSION_KINDS = new Set(['admission_notification', 'concurrent_review', 'snf_admission', 'post_stabilization']);

/**
 * The member's other requests — prior authorizations, referrals and admissions — newest first, from the
 * same case list the reviewer could search, so that a reviewer sees what was asked for and decided
 * before without leaving the case. The case this one was linked to at intake is marked.
 */
export function MemberHistory({ c, timeZone }: { c: CaseDetail; timeZone: string }) {
  const memberId = c.member?.id;
  const { data, isLoading, error } = useQuery({
    queryKey: ['member-history', memberId],
    queryFn: () => api<{ items: CaseListItem[] }>('GET', `/api/cases?memberId=${encodeURIComponent(memberId ?? '')}&limit=50`),
    enabled: memberId !== undefined,
  });
  const others = (data?.items ?? []).filter((x) => x.id !== c.id).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h5" mb="xs">Member's other requests and admissions</Title>
      {isLoading && <Text size="sm" c="dimmed">Loading…</Text>}
      {error !== null && <Text size="sm" c="red.9">Could not load the member's history: {error.message}</Text>}
      {data !== undefined && others.length === 0 && <Text size="sm" c="dimmed">No other request for this member.</Text>}
      {others.length > 0 && (
        <Table aria-label="Member's other requests" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Case</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Received</Table.Th>
              <Table.Th>Codes</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {others.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${x.id}`}>{x.caseNumber}</Anchor>
                  {x.id === c.relatedCaseId && <Badge ml={4} size="xs" variant="outline">linked</Badge>}
                </Table.Td>
                <Table.Td>{ADMISSION_KINDS.has(x.kind) ? <Badge size="xs" variant="light">admission</Badge> : null} {x.kind.replace(/_/g, ' ')}</Table.Td>
                <Table.Td>{formatInstant(x.receivedAt, timeZone)}</Table.Td>
                <Table.Td>{x.codes}</Table.Td>
                <Table.Td>{label(STATUS_LABEL, x.status)}</Table.Td>
                <Table.Td><Badge variant="light" color={DISPOSITION_COLOR[x.disposition] ?? 'gray'}>{label(DISPOSITION_LABEL, x.disposition)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

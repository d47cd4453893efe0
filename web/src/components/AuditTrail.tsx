import { Card, Code, Loader, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { formatInstant } from '../format';
import type { AuditItem } from '../types';

export function AuditTrail({ caseId, timeZone }: { caseId: string; timeZone: string }) {
  const { data, isLoading } = useQuery({ queryKey: ['audit', caseId], queryFn: () => api<{ items: AuditItem[] }>('GET', `/api/cases/${caseId}/audit`) });
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="audit-title">
      <Title order={2} size="h5" id="audit-title" mb="xs">Audit trail</Title>
      {isLoading ? (
        <Loader size="sm" role="status" aria-label="Loading the audit trail" />
      ) : (
        <Table aria-label="Audit trail" fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th>Hash</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.seq}</Table.Td>
                <Table.Td>{formatInstant(e.at, timeZone)}</Table.Td>
                <Table.Td>{e.actor.role} ({e.actor.type})</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td><Code style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>{JSON.stringify(e.details)}</Code></Table.Td>
                <Table.Td><Code title={e.hash}>{e.hash.slice(0, 10)}…</Code></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

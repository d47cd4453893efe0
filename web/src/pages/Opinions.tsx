import { Anchor, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { formatInstant } from '../format';

interface OpinionRequest {
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly requestedAt: string;
  readonly question: string;
}

/** A specialist's open opinion requests: answer on the case page with a "specialist opinion" note. */
export function OpinionsPage() {
  const { session } = useAuth();
  const q = useQuery({ queryKey: ['opinion-requests'], queryFn: () => api<{ items: OpinionRequest[] }>('GET', '/api/opinion-requests'), refetchInterval: 30_000 });
  return (
    <>
      <Title order={1} size="h3" mb="sm">Opinions requested</Title>
      {q.isLoading ? (
        <Loader role="status" aria-label="Loading" />
      ) : (q.data?.items.length ?? 0) === 0 ? (
        <Text c="dimmed">No open requests.</Text>
      ) : (
        <Table striped aria-label="Opinion requests">
          <Table.Thead><Table.Tr><Table.Th>Case</Table.Th><Table.Th>Asked</Table.Th><Table.Th>Question</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(q.data?.items ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td><Anchor component={Link} to={`/cases/${r.caseId}`}>{r.caseNumber}</Anchor></Table.Td>
                <Table.Td>{formatInstant(r.requestedAt, session?.tenant.timeZone ?? 'UTC')}</Table.Td>
                <Table.Td>{r.question}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

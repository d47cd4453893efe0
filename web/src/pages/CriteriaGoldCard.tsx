/**
 * The gold-card report: exemptions in force, and every provider × service group evaluated with its
 * approval rate over the evaluation period (Tex. Ins. Code 4201.653 by default).
 */
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { useAuth } from '../auth';

interface Report {
  date: string;
  policy: { minApprovalPercent: number; minRequests: number; evaluationPeriodMonths: number; exemptionMonths: number; citation: string; providerKey: string } | null;
  exemptions: { provider: { kind: string; value: string }; serviceGroup: string; start: string; end: string; approved: number; counted: number; approvalPercent: number }[];
  evaluations: { provider: { kind: string; value: string }; serviceGroup: string; approved: number; counted: number; approvalPercent: number; granted: boolean }[];
}

export function CriteriaGoldCardPage() {
  const { session } = useAuth();
  const qc = useQueryClient();
  const report = useQuery({ queryKey: ['gold-card'], queryFn: () => api<Report>('GET', '/api/coverage/gold-card') });
  const recompute = useMutation({ mutationFn: () => api('POST', '/api/coverage/gold-card/recompute'), onSuccess: () => void qc.invalidateQueries({ queryKey: ['gold-card'] }) });
  const r = report.data;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h3">Gold carding</Title>
        {session?.user.role === 'admin' && <Button variant="light" onClick={() => recompute.mutate()} loading={recompute.isPending}>Recompute now</Button>}
      </Group>
      {report.error !== null && <Alert color="red" role="alert">{report.error.message}</Alert>}
      {r !== undefined && r.policy === null && <Alert color="gray">Gold carding is switched off for this tenant.</Alert>}
      {r?.policy != null && <Text size="sm" c="dimmed">As of {r.date}: at least {r.policy.minApprovalPercent} % approved of at least {r.policy.minRequests} requests in {r.policy.evaluationPeriodMonths} months, by {r.policy.providerKey.toUpperCase()}; exemption for {r.policy.exemptionMonths} months ({r.policy.citation}).</Text>}
      <Title order={2} size="h5">Exemptions in force</Title>
      <Table aria-label="Gold-card exemptions" striped>
        <Table.Thead><Table.Tr><Table.Th>Provider</Table.Th><Table.Th>Service group</Table.Th><Table.Th>From</Table.Th><Table.Th>To</Table.Th><Table.Th>Approved</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(r?.exemptions ?? []).map((x) => (
            <Table.Tr key={`${x.provider.value}-${x.serviceGroup}-${x.start}`}><Table.Td>{x.provider.kind.toUpperCase()} {x.provider.value}</Table.Td><Table.Td>{x.serviceGroup}</Table.Td><Table.Td>{x.start}</Table.Td><Table.Td>{x.end}</Table.Td><Table.Td>{x.approved}/{x.counted} ({x.approvalPercent} %)</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2} size="h5">Evaluated</Title>
      <Table aria-label="Gold-card evaluations" striped>
        <Table.Thead><Table.Tr><Table.Th>Provider</Table.Th><Table.Th>Service group</Table.Th><Table.Th>Approved</Table.Th><Table.Th>Result</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(r?.evaluations ?? []).map((x) => (
            <Table.Tr key={`${x.provider.value}-${x.serviceGroup}`}><Table.Td>{x.provider.kind.toUpperCase()} {x.provider.value}</Table.Td><Table.Td>{x.serviceGroup}</Table.Td><Table.Td>{x.approved}/{x.counted} ({x.approvalPercent} %)</Table.Td><Table.Td>{x.granted ? <Badge color="yellow" variant="light">exempt</Badge> : <Badge color="gray" variant="light">not exempt</Badge>}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api';
import { SERVICE_GROUPS, useOrganisations, words } from './shared';

interface Contract {
  readonly id: string;
  readonly name: string;
  readonly planOrgId: string;
  readonly delegateOrgId: string;
  readonly lineOfBusiness: string;
  readonly umDelegated: boolean;
  readonly authValidityDays: number;
  readonly reviewContractedRetro: boolean;
  readonly admissionNotificationHours: number;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly dofr: Record<string, string>;
}

const RISK = [
  { value: 'ipa', label: 'IPA' },
  { value: 'plan', label: 'Plan' },
  { value: 'shared', label: 'Shared' },
];

/** Contracts (plan × delegate × line of business) with their settings and DOFR grid. */
export function ContractsAdmin() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['admin', 'contracts'], queryFn: () => api<{ items: Contract[] }>('GET', '/api/admin/contracts') });
  const orgs = useOrganisations();
  const name = new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name]));
  const [edit, setEdit] = useState<Contract | null>(null);
  const save = useMutation({
    mutationFn: (c: Contract) =>
      api('PUT', `/api/admin/contracts/${c.id}`, {
        name: c.name,
        planOrgId: c.planOrgId,
        delegateOrgId: c.delegateOrgId,
        lineOfBusiness: c.lineOfBusiness,
        umDelegated: c.umDelegated,
        authValidityDays: c.authValidityDays,
        reviewContractedRetro: c.reviewContractedRetro,
        admissionNotificationHours: c.admissionNotificationHours,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo,
        dofr: c.dofr,
      }),
    onSuccess: () => {
      setEdit(null);
      void qc.invalidateQueries({ queryKey: ['admin', 'contracts'] });
    },
  });
  return (
    <Stack>
      <Table striped aria-label="Contracts">
        <Table.Thead>
          <Table.Tr><Table.Th>Contract</Table.Th><Table.Th>Plan</Table.Th><Table.Th>Delegate</Table.Th><Table.Th>Line of business</Table.Th><Table.Th>UM delegated</Table.Th><Table.Th>Validity</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{name.get(c.planOrgId)}</Table.Td>
              <Table.Td>{name.get(c.delegateOrgId)}</Table.Td>
              <Table.Td>{words(c.lineOfBusiness)}</Table.Td>
              <Table.Td>{c.umDelegated ? 'yes' : 'no'}</Table.Td>
              <Table.Td>{c.authValidityDays} days</Table.Td>
              <Table.Td><Button size="xs" variant="default" onClick={() => setEdit(c)}>Edit settings and DOFR</Button></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {edit !== null && (
        <Card withBorder>
          <Title order={2} size="h5" mb="sm">{edit.name}</Title>
          <Stack>
            <Group grow>
              <Switch label="UM delegated to the IPA" checked={edit.umDelegated} onChange={(e) => setEdit({ ...edit, umDelegated: e.currentTarget.checked })} />
              <Switch label="Review contracted providers' retrospective requests" checked={edit.reviewContractedRetro} onChange={(e) => setEdit({ ...edit, reviewContractedRetro: e.currentTarget.checked })} />
            </Group>
            <Group grow>
              <NumberInput label="Authorization validity (days)" min={1} max={730} value={edit.authValidityDays} onChange={(v) => setEdit({ ...edit, authValidityDays: typeof v === 'number' ? v : edit.authValidityDays })} />
              <NumberInput label="Admission notification deadline (hours)" min={1} max={240} value={edit.admissionNotificationHours} onChange={(v) => setEdit({ ...edit, admissionNotificationHours: typeof v === 'number' ? v : edit.admissionNotificationHours })} />
            </Group>
            <Text size="sm" fw={600}>Division of financial responsibility: who carries the risk of each service group (requests at the plan's risk are forwarded to the plan, never denied by the IPA)</Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {SERVICE_GROUPS.map((g) => (
                <Select key={g} label={words(g)} data={RISK} value={edit.dofr[g] ?? 'ipa'} allowDeselect={false} onChange={(v) => setEdit({ ...edit, dofr: { ...edit.dofr, [g]: v ?? 'ipa' } })} />
              ))}
            </SimpleGrid>
            {save.error !== null && <Alert color="red" role="alert">{save.error instanceof ApiError ? save.error.message : 'Not saved'}</Alert>}
            <Group justify="end">
              <Button variant="default" onClick={() => setEdit(null)}>Cancel</Button>
              <Button loading={save.isPending} onClick={() => save.mutate(edit)}>Save contract</Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

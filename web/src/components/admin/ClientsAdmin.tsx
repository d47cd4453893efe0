import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Modal, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api';
import { useOrganisations } from './shared';

interface AdminClient {
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly scopes: string[];
  readonly providerOrgId: string | null;
  readonly active: boolean;
  readonly hasSecret: boolean;
  readonly hasJwks: boolean;
}

const SCOPES = ['cases.read', 'cases.write', 'x12', 'system/Claim.write', 'system/Claim.read', 'system/ClaimResponse.read', 'system/Subscription.write', 'system/Subscription.read', 'system/Questionnaire.read'];

export function ClientsAdmin() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['admin', 'clients'], queryFn: () => api<{ items: AdminClient[] }>('GET', '/api/admin/clients') });
  const orgs = useOrganisations();
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState({ clientId: '', name: '', scopes: ['cases.read', 'cases.write'], providerOrgId: null as string | null });
  const [secret, setSecret] = useState<{ clientId: string; secret: string } | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ clientId: string; secret: string | null }>('POST', '/api/admin/clients', { ...form }),
    onSuccess: (r) => {
      setAdding(false);
      if (r.secret !== null) setSecret({ clientId: r.clientId, secret: r.secret });
      void qc.invalidateQueries({ queryKey: ['admin', 'clients'] });
    },
  });
  const update = useMutation({
    mutationFn: (v: { id: string; body: Record<string, unknown> }) => api<{ id: string; secret: string | null }>('PATCH', `/api/admin/clients/${v.id}`, v.body),
    onSuccess: (r, v) => {
      if (r.secret !== null) setSecret({ clientId: list.data?.items.find((c) => c.id === v.id)?.clientId ?? '', secret: r.secret });
      void qc.invalidateQueries({ queryKey: ['admin', 'clients'] });
    },
  });
  const groups = (orgs.data?.items ?? []).filter((o) => o.kind === 'provider_group');
  return (
    <Stack>
      {secret !== null && (
        <Alert color="yellow" title={`Secret of ${secret.clientId}`} withCloseButton onClose={() => setSecret(null)}>
          <Text size="sm">Copy it now: it is shown only once and stored only as a hash.</Text>
          <Code block>{secret.secret}</Code>
        </Alert>
      )}
      <Group justify="end"><Button onClick={() => setAdding(true)}>Register a client</Button></Group>
      <Table striped aria-label="Machine clients">
        <Table.Thead>
          <Table.Tr><Table.Th>Client id</Table.Th><Table.Th>Name</Table.Th><Table.Th>Scopes</Table.Th><Table.Th>Acts for</Table.Th><Table.Th>Credentials</Table.Th><Table.Th>Status</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td><Code>{c.clientId}</Code></Table.Td>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{c.scopes.join(' ')}</Table.Td>
              <Table.Td>{groups.find((g) => g.id === c.providerOrgId)?.name ?? '—'}</Table.Td>
              <Table.Td>{[c.hasSecret ? 'secret' : null, c.hasJwks ? 'JWKS' : null].filter(Boolean).join(', ') || '—'}</Table.Td>
              <Table.Td><Badge color={c.active ? 'green' : 'gray'} variant="light">{c.active ? 'active' : 'inactive'}</Badge></Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => update.mutate({ id: c.id, body: { rotateSecret: true } })}>Rotate secret</Button>
                  <Button size="xs" variant="subtle" onClick={() => update.mutate({ id: c.id, body: { active: !c.active } })}>{c.active ? 'Deactivate' : 'Reactivate'}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={adding} onClose={() => setAdding(false)} title="Register a machine client">
        <Stack>
          <TextInput label="Client id" required value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.currentTarget.value })} />
          <TextInput label="Name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          <TagsInput label="Scopes" data={SCOPES} value={form.scopes} onChange={(v) => setForm({ ...form, scopes: v })} />
          <Select label="Acts for provider organisation" clearable data={groups.map((g) => ({ value: g.id, label: g.name }))} value={form.providerOrgId} onChange={(v) => setForm({ ...form, providerOrgId: v })} />
          {create.error !== null && <Alert color="red" role="alert">{create.error instanceof ApiError ? create.error.message : 'Not saved'}</Alert>}
          <Group justify="end">
            <Button variant="default" onClick={() => setAdding(false)}>Cancel</Button>
            <Button loading={create.isPending} onClick={() => create.mutate()}>Register</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

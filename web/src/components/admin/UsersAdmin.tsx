import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api';
import { ROLES, useOrganisations, words } from './shared';

interface AdminUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly credential: string | null;
  readonly licenceState: string | null;
  readonly specialty: string | null;
  readonly providerOrgId: string | null;
  readonly active: boolean;
  readonly organisationIds: string[];
}

const EMPTY = { username: '', displayName: '', role: 'nurse', credential: '', licenceState: '', specialty: '', providerOrgId: null as string | null, organisationIds: [] as string[], password: '' };

export function UsersAdmin() {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => api<{ items: AdminUser[] }>('GET', '/api/admin/users') });
  const orgs = useOrganisations();
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [form, setForm] = useState(EMPTY);
  const orgName = new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name]));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        displayName: form.displayName,
        role: form.role,
        credential: form.credential || null,
        licenceState: form.licenceState || null,
        specialty: form.specialty || null,
        providerOrgId: form.role === 'provider' ? form.providerOrgId : null,
        organisationIds: form.role === 'provider' ? [] : form.organisationIds,
        ...(form.password === '' ? {} : { password: form.password }),
      };
      return editing === 'new' ? api('POST', '/api/admin/users', { ...body, username: form.username }) : api('PATCH', `/api/admin/users/${editing?.id ?? ''}`, body);
    },
    onSuccess: () => {
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const toggle = useMutation({
    mutationFn: (u: AdminUser) => api('PATCH', `/api/admin/users/${u.id}`, { active: !u.active }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
  const open = (u: AdminUser | 'new') => {
    setEditing(u);
    setForm(u === 'new' ? EMPTY : { username: u.username, displayName: u.displayName, role: u.role, credential: u.credential ?? '', licenceState: u.licenceState ?? '', specialty: u.specialty ?? '', providerOrgId: u.providerOrgId, organisationIds: u.organisationIds, password: '' });
  };
  const orgOptions = (orgs.data?.items ?? []).filter((o) => o.kind !== 'provider_group').map((o) => ({ value: o.id, label: o.name }));
  const groupOptions = (orgs.data?.items ?? []).filter((o) => o.kind === 'provider_group').map((o) => ({ value: o.id, label: o.name }));
  return (
    <Stack>
      <Group justify="end"><Button onClick={() => open('new')}>Add a user</Button></Group>
      <Table striped aria-label="Users">
        <Table.Thead>
          <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Username</Table.Th><Table.Th>Role</Table.Th><Table.Th>Credential / licence</Table.Th><Table.Th>Works for</Table.Th><Table.Th>Status</Table.Th><Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{words(u.role)}</Table.Td>
              <Table.Td>{[u.credential, u.licenceState].filter(Boolean).join(' · ') || '—'}</Table.Td>
              <Table.Td>{u.role === 'provider' ? (orgName.get(u.providerOrgId ?? '') ?? '—') : u.organisationIds.map((o) => orgName.get(o) ?? o).join(', ') || '—'}</Table.Td>
              <Table.Td><Badge color={u.active ? 'green' : 'gray'} variant="light">{u.active ? 'active' : 'inactive'}</Badge></Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => open(u)}>Edit</Button>
                  <Button size="xs" variant="subtle" loading={toggle.isPending && toggle.variables.id === u.id} onClick={() => toggle.mutate(u)}>{u.active ? 'Deactivate' : 'Reactivate'}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add a user' : 'Edit user'} size="lg">
        <Stack>
          {editing === 'new' && <TextInput label="Username" required value={form.username} onChange={(e) => setForm({ ...form, username: e.currentTarget.value })} />}
          <TextInput label="Display name" required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
          <Select label="Role" required data={ROLES.map((r) => ({ value: r, label: words(r) }))} value={form.role} onChange={(v) => setForm({ ...form, role: v ?? 'nurse' })} allowDeselect={false} />
          <Group grow>
            <TextInput label="Credential" description="RN, LPN, MD, DO, PharmD…" value={form.credential} onChange={(e) => setForm({ ...form, credential: e.currentTarget.value })} />
            <TextInput label="Licence state" description="Two letters, required for nurses" maxLength={2} value={form.licenceState} onChange={(e) => setForm({ ...form, licenceState: e.currentTarget.value.toUpperCase() })} />
          </Group>
          <TextInput label="Specialty" value={form.specialty} onChange={(e) => setForm({ ...form, specialty: e.currentTarget.value })} />
          {form.role === 'provider' ? (
            <Select label="Provider organisation" required data={groupOptions} value={form.providerOrgId} onChange={(v) => setForm({ ...form, providerOrgId: v })} />
          ) : (
            <MultiSelect label="Works for (sees the cases of)" data={orgOptions} value={form.organisationIds} onChange={(v) => setForm({ ...form, organisationIds: v })} />
          )}
          <PasswordInput label={editing === 'new' ? 'Password' : 'New password (leave empty to keep)'} required={editing === 'new'} value={form.password} onChange={(e) => setForm({ ...form, password: e.currentTarget.value })} />
          {save.error !== null && <Alert color="red" role="alert">{save.error instanceof ApiError ? `${save.error.message}${save.error.problem.errors?.map((e) => ` — ${e.path ?? ''}: ${e.message}`).join('') ?? ''}` : 'Not saved'}</Alert>}
          <Group justify="end">
            <Button variant="default" onClick={() => setEditing(null)}>Cancel</Button>
            <Button loading={save.isPending} onClick={() => save.mutate()}>Save</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

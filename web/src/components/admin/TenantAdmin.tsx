import { useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api';

interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly timeZone: string;
  readonly sandbox: boolean;
}

export function TenantAdmin() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['tenant'], queryFn: () => api<Tenant>('GET', '/api/tenant') });
  const [form, setForm] = useState({ name: '', timeZone: '', sandbox: false });
  useEffect(() => {
    if (q.data !== undefined) setForm({ name: q.data.name, timeZone: q.data.timeZone, sandbox: q.data.sandbox });
  }, [q.data]);
  const save = useMutation({ mutationFn: () => api('PATCH', '/api/admin/tenant', form), onSuccess: () => void qc.invalidateQueries({ queryKey: ['tenant'] }) });
  return (
    <Stack maw={520}>
      <TextInput label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
      <TextInput label="Time zone" description="IANA name; calendar-day deadlines end at 23:59:59 in this zone" value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.currentTarget.value })} />
      <Switch label="Sandbox (FHIR requests for unknown members register them, for integration testing)" checked={form.sandbox} onChange={(e) => setForm({ ...form, sandbox: e.currentTarget.checked })} />
      {save.error !== null && <Alert color="red" role="alert">{save.error instanceof ApiError ? save.error.message : 'Not saved'}</Alert>}
      {save.isSuccess && <Alert color="green">Saved.</Alert>}
      <Group><Button loading={save.isPending} onClick={() => save.mutate()}>Save</Button></Group>
    </Stack>
  );
}

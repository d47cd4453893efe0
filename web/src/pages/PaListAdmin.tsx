/**
 * Administration: the prior-authorization list of each contract — view the rules, add, edit
 * (a new version each time) and retire them, and read a rule's history. Emergency services are
 * refused by the server (42 CFR 422.113(b)).
 */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { PaRuleView } from '../types';

interface Contract { id: string; name: string }

interface Draft {
  ruleId: string;
  codeSystem: string;
  codeFrom: string;
  codeTo: string;
  product: string;
  placesOfService: string;
  networkStatus: string | null;
  effectiveFrom: string;
  effectiveTo: string;
  requirement: string;
  subjectTo422122: boolean;
  criteriaSetId: string;
  documents: string;
  validity: string;
  validityDays: number | null;
  serviceGroup: string;
  reason: string;
}

const EMPTY: Draft = { ruleId: '', codeSystem: 'CPT', codeFrom: '', codeTo: '', product: '', placesOfService: '', networkStatus: null, effectiveFrom: new Date().toISOString().slice(0, 10), effectiveTo: '', requirement: 'required', subjectTo422122: true, criteriaSetId: '', documents: '', validity: 'window', validityDays: 90, serviceGroup: '', reason: '' };

const draftOf = (r: PaRuleView): Draft => ({
  ruleId: r.ruleId, codeSystem: r.codeSystem, codeFrom: r.codeFrom, codeTo: r.codeTo ?? '', product: r.product ?? '', placesOfService: r.placesOfService.join(', '), networkStatus: r.networkStatus,
  effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo ?? '', requirement: r.requirement, subjectTo422122: r.subjectTo422122, criteriaSetId: r.criteriaSetId ?? '', documents: r.documents.join('; '),
  validity: r.validity.kind, validityDays: r.validity.kind === 'window' ? (r.validity.days ?? 90) : null, serviceGroup: r.serviceGroup, reason: '',
});

function bodyOf(d: Draft) {
  const opt = (k: string, v: string) => (v.trim() === '' ? {} : { [k]: v.trim() });
  return {
    codeSystem: d.codeSystem, codeFrom: d.codeFrom.trim(), ...opt('codeTo', d.codeTo), ...opt('product', d.product),
    placesOfService: d.placesOfService.split(/[\s,|]+/).filter((p) => p !== ''), ...(d.networkStatus === null ? {} : { networkStatus: d.networkStatus }),
    effectiveFrom: d.effectiveFrom, ...opt('effectiveTo', d.effectiveTo), requirement: d.requirement, subjectTo422122: d.subjectTo422122, ...opt('criteriaSetId', d.criteriaSetId),
    documents: d.documents.split(';').map((x) => x.trim()).filter((x) => x !== ''), validity: d.validity, ...(d.validity === 'window' && d.validityDays !== null ? { validityDays: d.validityDays } : {}),
    ...opt('serviceGroup', d.serviceGroup), ...opt('reason', d.reason),
  };
}

export function PaListAdminPage() {
  const qc = useQueryClient();
  const contracts = useQuery({ queryKey: ['admin-contracts'], queryFn: () => api<{ items: Contract[] }>('GET', '/api/admin/contracts') });
  const [contract, setContract] = useState<string | null>(null);
  const current = contract ?? contracts.data?.items[0]?.id ?? null;
  const [retired, setRetired] = useState(false);
  const rules = useQuery({ queryKey: ['pa-rules', current, retired], enabled: current !== null, queryFn: () => api<{ items: PaRuleView[] }>('GET', `/api/coverage/pa-rules?contract=${current ?? ''}${retired ? '&includeRetired=true' : ''}`) });
  const [editing, setEditing] = useState<{ draft: Draft; isNew: boolean } | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const hist = useQuery({ queryKey: ['pa-rule-history', current, history], enabled: history !== null, queryFn: () => api<{ items: PaRuleView[] }>('GET', `/api/coverage/pa-rules/${current ?? ''}/${encodeURIComponent(history ?? '')}`) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['pa-rules'] });
  const save = useMutation({
    mutationFn: (e: { draft: Draft; isNew: boolean }) =>
      e.isNew ? api('POST', `/api/coverage/pa-rules/${current ?? ''}`, { ruleId: e.draft.ruleId.trim(), ...bodyOf(e.draft) }) : api('PUT', `/api/coverage/pa-rules/${current ?? ''}/${encodeURIComponent(e.draft.ruleId)}`, bodyOf(e.draft)),
    onSuccess: () => { setEditing(null); refresh(); },
  });
  const retire = useMutation({
    mutationFn: (ruleId: string) => api('POST', `/api/coverage/pa-rules/${current ?? ''}/${encodeURIComponent(ruleId)}/retire`, { reason: 'retired by an administrator' }),
    onSuccess: refresh,
  });
  const set = (patch: Partial<Draft>) => setEditing((e) => (e === null ? e : { ...e, draft: { ...e.draft, ...patch } }));
  const d = editing?.draft;
  return (
    <Stack gap="md">
      <Title order={1} size="h3">Prior-authorization list</Title>
      <Group align="end">
        <Select label="Contract" data={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={current} onChange={setContract} w={360} />
        <Checkbox label="Show retired rules" checked={retired} onChange={(e) => setRetired(e.currentTarget.checked)} />
        <Button onClick={() => setEditing({ draft: EMPTY, isNew: true })} disabled={current === null}>Add a rule</Button>
      </Group>
      {rules.error !== null && <Alert color="red" role="alert">{rules.error.message}</Alert>}
      <Table aria-label="PA rules" striped>
        <Table.Thead><Table.Tr><Table.Th>Rule</Table.Th><Table.Th>Codes</Table.Th><Table.Th>Applies to</Table.Th><Table.Th>Requirement</Table.Th><Table.Th>Criteria</Table.Th><Table.Th>Validity</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(rules.data?.items ?? []).map((r) => (
            <Table.Tr key={r.ruleId}>
              <Table.Td><Text size="sm" fw={500}>{r.ruleId}</Text><Text size="xs" c="dimmed">v{r.version} · {r.effectiveFrom}{r.effectiveTo === null ? '' : ` – ${r.effectiveTo}`}</Text></Table.Td>
              <Table.Td>{r.codeSystem} {r.codeFrom}{r.codeTo === null ? '' : `–${r.codeTo}`}</Table.Td>
              <Table.Td><Text size="xs">{[r.product, r.placesOfService.length > 0 ? `POS ${r.placesOfService.join('/')}` : null, r.networkStatus?.replace('_', ' ')].filter((x) => x !== null).join(' · ') || 'all'}</Text></Table.Td>
              <Table.Td>{r.status === 'retired' ? <Badge variant="light" color="gray">retired</Badge> : <Badge variant="light" color={r.requirement === 'required' ? 'orange' : r.requirement === 'notification_only' ? 'blue' : 'teal'}>{r.requirement.replace('_', ' ')}</Badge>}{r.subjectTo422122 && <Text size="xs">422.122</Text>}</Table.Td>
              <Table.Td><Text size="xs">{r.criteriaSetId ?? '—'}</Text></Table.Td>
              <Table.Td><Text size="xs">{r.validity.kind === 'window' ? `${r.validity.days ?? 90} days` : 'course of treatment'}</Text></Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="light" onClick={() => setEditing({ draft: draftOf(r), isNew: false })}>Edit</Button>
                  <Button size="compact-xs" variant="subtle" onClick={() => setHistory(r.ruleId)}>History</Button>
                  {r.status !== 'retired' && <Button size="compact-xs" variant="subtle" color="red" onClick={() => retire.mutate(r.ruleId)}>Retire</Button>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.isNew === true ? 'Add a rule' : `Edit rule ${d?.ruleId ?? ''}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        {d !== undefined && (
          <Stack gap="xs">
            {editing?.isNew === true && <TextInput label="Rule id" required value={d.ruleId} onChange={(e) => set({ ruleId: e.currentTarget.value })} />}
            <Group grow>
              <Select label="Code system" data={['CPT', 'HCPCS', 'REV']} value={d.codeSystem} onChange={(v) => set({ codeSystem: v ?? 'CPT' })} />
              <TextInput label="Code (or first of a range)" required value={d.codeFrom} onChange={(e) => set({ codeFrom: e.currentTarget.value })} />
              <TextInput label="Last code of the range" value={d.codeTo} onChange={(e) => set({ codeTo: e.currentTarget.value })} />
            </Group>
            <Group grow>
              <TextInput label="Product" description="PBP, product type or MA-HMO style; empty = all" value={d.product} onChange={(e) => set({ product: e.currentTarget.value })} />
              <TextInput label="Places of service" description="two-digit codes; empty = all" value={d.placesOfService} onChange={(e) => set({ placesOfService: e.currentTarget.value })} />
              <Select label="Network status" clearable data={[{ value: 'in_network', label: 'in network' }, { value: 'out_of_network', label: 'out of network' }]} value={d.networkStatus} onChange={(v) => set({ networkStatus: v })} />
            </Group>
            <Group grow>
              <TextInput type="date" label="Effective from" required value={d.effectiveFrom} onChange={(e) => set({ effectiveFrom: e.currentTarget.value })} />
              <TextInput type="date" label="Effective to" value={d.effectiveTo} onChange={(e) => set({ effectiveTo: e.currentTarget.value })} />
              <Select label="Requirement" data={[{ value: 'required', label: 'authorization required' }, { value: 'notification_only', label: 'notification only' }, { value: 'not_required', label: 'not required' }]} value={d.requirement} onChange={(v) => set({ requirement: v ?? 'required' })} />
            </Group>
            <Checkbox label="Subject to the prior-authorization rules of 42 CFR 422.122" checked={d.subjectTo422122} onChange={(e) => set({ subjectTo422122: e.currentTarget.checked })} />
            <Group grow>
              <TextInput label="Criteria set" value={d.criteriaSetId} onChange={(e) => set({ criteriaSetId: e.currentTarget.value })} />
              <TextInput label="Service group" description="for gold carding" value={d.serviceGroup} onChange={(e) => set({ serviceGroup: e.currentTarget.value })} />
            </Group>
            <Group grow>
              <Select label="Validity" data={[{ value: 'window', label: 'window of days' }, { value: 'course_of_treatment', label: 'course of treatment' }]} value={d.validity} onChange={(v) => set({ validity: v ?? 'window' })} />
              <NumberInput label="Days" disabled={d.validity !== 'window'} min={1} max={3660} value={d.validityDays ?? ''} onChange={(v) => set({ validityDays: typeof v === 'number' ? v : null })} />
            </Group>
            <Textarea label="Documents expected" description="separated by ;" value={d.documents} onChange={(e) => set({ documents: e.currentTarget.value })} />
            <TextInput label="Reason for the change" value={d.reason} onChange={(e) => set({ reason: e.currentTarget.value })} />
            {save.error !== null && <Alert color="red" role="alert">{save.error.message}</Alert>}
            <Button onClick={() => editing !== null && save.mutate(editing)} loading={save.isPending}>Save</Button>
          </Stack>
        )}
      </Modal>

      <Modal opened={history !== null} onClose={() => setHistory(null)} title={`History of rule ${history ?? ''}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Table aria-label="Rule history">
          <Table.Thead><Table.Tr><Table.Th>Version</Table.Th><Table.Th>Changed</Table.Th><Table.Th>By</Table.Th><Table.Th>Requirement</Table.Th><Table.Th>Reason</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(hist.data?.items ?? []).map((h) => (
              <Table.Tr key={h.version}><Table.Td>v{h.version} {h.status === 'retired' ? '(retired)' : ''}</Table.Td><Table.Td>{h.changedAt.slice(0, 10)}</Table.Td><Table.Td>{h.changedBy.type} {h.changedBy.id.slice(0, 8)}</Table.Td><Table.Td>{h.requirement}</Table.Td><Table.Td>{h.changeReason ?? ''}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </Stack>
  );
}

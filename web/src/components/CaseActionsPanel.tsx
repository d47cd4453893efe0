import { useEffect, useState } from 'react';
import { Alert, Button, Card, Kbd, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import type { CaseDetail } from '../types';

type Action = 'pend' | 'refer' | 'withdraw' | 'cancel' | 'phone_call' | 'peer_to_peer' | 'reassign' | 'receipt' | 'opinion' | 'take' | 'send-to-review';

interface StaffUser {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
  readonly licenceState: string | null;
}

/** Keyboard shortcuts for the frequent actions (ignored while typing in a field). */
export const SHORTCUTS: Record<string, Action> = { p: 'pend', r: 'refer', c: 'phone_call', t: 'take' };

/** Workflow actions the caller may take on this case (the server decides which, and refuses the rest). */
export function CaseActionsPanel({ c }: { c: CaseDetail }) {
  const qc = useQueryClient();
  const { session } = useAuth();
  const [open, setOpen] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [userId, setUserId] = useState<string | null>(null);
  const [when, setWhen] = useState('');
  const a = c.actions;
  const role = session?.user.role ?? '';
  const canAskOpinion = !['decided', 'forwarded_to_plan', 'withdrawn', 'cancelled'].includes(c.status) && ['medical_director', 'nurse', 'appeals'].includes(role);
  const staff = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: StaffUser[] }>('GET', '/api/users'), enabled: a.assign || canAskOpinion });
  const run = useMutation({
    mutationFn: (x: Action) => {
      switch (x) {
        case 'pend':
          return api('POST', `/api/cases/${c.id}/pend`, { message: text });
        case 'refer':
          return api('POST', `/api/cases/${c.id}/refer`, { note: text });
        case 'withdraw':
          return api('POST', `/api/cases/${c.id}/withdraw`, { reason: text });
        case 'cancel':
          return api('POST', `/api/cases/${c.id}/cancel`, { reason: text });
        case 'phone_call':
        case 'peer_to_peer':
          return api('POST', `/api/cases/${c.id}/notes`, { kind: x, visibility: 'internal', body: text });
        case 'reassign':
          return api('POST', `/api/cases/${c.id}/assign`, { userId });
        case 'receipt':
          return api('POST', `/api/cases/${c.id}/receipt-time`, { receivedAt: new Date(when).toISOString(), reason: text });
        case 'opinion':
          return api('POST', `/api/cases/${c.id}/opinion-request`, { specialistUserId: userId, question: text });
        case 'take':
          return api('POST', `/api/cases/${c.id}/assign`, { userId: session?.user.id ?? null });
        case 'send-to-review':
          return api('POST', `/api/cases/${c.id}/send-to-review`);
      }
    },
    onSuccess: () => {
      setOpen(null);
      setText('');
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['audit', c.id] });
    },
  });

  const clinical = a.pend || a.refer;
  const items: { key: Action; allowed: boolean; label: string; field: string; required: boolean }[] = [
    { key: 'pend', allowed: a.pend, label: 'Pend for information', field: 'What information is needed (the provider sees this)', required: true },
    { key: 'refer', allowed: a.refer, label: 'Refer to a physician', field: 'Note for the physician', required: false },
    { key: 'phone_call', allowed: a.addNote && clinical, label: 'Log a phone call', field: 'Who called or was called, and what was said', required: true },
    { key: 'peer_to_peer', allowed: a.addNote && (a.outcomes.includes('denied') || a.refer), label: 'Log a peer-to-peer outreach', field: 'Outreach to the requesting physician: when, who, outcome', required: true },
    { key: 'withdraw', allowed: a.withdraw, label: 'Withdraw the request', field: 'Reason for the withdrawal', required: true },
    { key: 'cancel', allowed: a.cancel, label: 'Cancel the case', field: 'Reason for the cancellation', required: true },
  ];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]') != null) return;
      const action = SHORTCUTS[e.key.toLowerCase()];
      if (action === undefined) return;
      if (action === 'take') {
        if (a.take && !run.isPending) run.mutate('take');
      } else if (items.some((i) => i.key === action && i.allowed)) {
        e.preventDefault();
        setOpen(action);
        setText('');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!items.some((x) => x.allowed) && !a.take && !a.sendToReview && !a.assign && !a.correctReceipt && !canAskOpinion) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="actions-title">
      <Title order={2} size="h5" id="actions-title" mb="xs">Actions</Title>
      <Stack gap="xs">
        {a.take && (
          <Button variant="light" loading={run.isPending && run.variables === 'take'} onClick={() => run.mutate('take')}>
            Take this case <Kbd ml="xs" size="xs">T</Kbd>
          </Button>
        )}
        {a.sendToReview && <Button variant="light" loading={run.isPending && run.variables === 'send-to-review'} onClick={() => run.mutate('send-to-review')}>Send to clinical review</Button>}
        {items
          .filter((x) => x.allowed)
          .map((x) =>
            open === x.key ? (
              <Stack key={x.key} gap={4}>
                <Textarea label={x.field} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} required={x.required} autoFocus />
                <Button.Group>
                  <Button variant="default" onClick={() => setOpen(null)}>Back</Button>
                  <Button loading={run.isPending} disabled={x.required && text.trim() === ''} onClick={() => run.mutate(x.key)}>{x.label}</Button>
                </Button.Group>
              </Stack>
            ) : (
              <Button key={x.key} variant="default" onClick={() => { setOpen(x.key); setText(''); }}>
                {x.label}…{Object.entries(SHORTCUTS).find(([, v]) => v === x.key) !== undefined && <Kbd ml="xs" size="xs">{Object.entries(SHORTCUTS).find(([, v]) => v === x.key)?.[0].toUpperCase()}</Kbd>}
              </Button>
            ),
          )}
        {a.assign &&
          (open === 'reassign' ? (
            <Stack gap={4}>
              <Select
                label="Assign to"
                searchable
                data={(staff.data?.items ?? []).filter((u) => ['intake', 'nurse', 'medical_director', 'specialist', 'appeals'].includes(u.role)).map((u) => ({ value: u.id, label: `${u.displayName} (${u.role.replace('_', ' ')}${u.licenceState !== null ? `, ${u.licenceState}` : ''})` }))}
                value={userId}
                onChange={setUserId}
              />
              <Button.Group>
                <Button variant="default" onClick={() => setOpen(null)}>Back</Button>
                <Button loading={run.isPending} disabled={userId === null} onClick={() => run.mutate('reassign')}>Reassign</Button>
              </Button.Group>
            </Stack>
          ) : (
            <Button variant="default" onClick={() => setOpen('reassign')}>Reassign…</Button>
          ))}
        {canAskOpinion &&
          (open === 'opinion' ? (
            <Stack gap={4}>
              <Select
                label="Specialist"
                data={(staff.data?.items ?? []).filter((u) => u.role === 'specialist').map((u) => ({ value: u.id, label: u.displayName }))}
                value={userId}
                onChange={setUserId}
              />
              <Textarea label="Question for the specialist" value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} required />
              <Button.Group>
                <Button variant="default" onClick={() => setOpen(null)}>Back</Button>
                <Button loading={run.isPending} disabled={userId === null || text.trim() === ''} onClick={() => run.mutate('opinion')}>Ask for an opinion</Button>
              </Button.Group>
            </Stack>
          ) : (
            <Button variant="default" onClick={() => { setOpen('opinion'); setText(''); setUserId(null); }}>Request a specialist opinion…</Button>
          ))}
        {a.correctReceipt &&
          (open === 'receipt' ? (
            <Stack gap={4}>
              <TextInput type="datetime-local" label="First receipt (fax or phone system time, your local time)" value={when} onChange={(e) => setWhen(e.currentTarget.value)} required />
              <Textarea label="Reason for the correction" value={text} onChange={(e) => setText(e.currentTarget.value)} required />
              <Text size="xs" c="dimmed">The decision clock is recomputed from the corrected time; the correction is audited.</Text>
              <Button.Group>
                <Button variant="default" onClick={() => setOpen(null)}>Back</Button>
                <Button loading={run.isPending} disabled={when === '' || text.trim() === ''} onClick={() => run.mutate('receipt')}>Correct the receipt time</Button>
              </Button.Group>
            </Stack>
          ) : (
            <Button variant="default" onClick={() => { setOpen('receipt'); setText(''); }}>Correct the receipt time…</Button>
          ))}
        {run.error !== null && <Alert color="red" role="alert">{run.error instanceof ApiError ? run.error.message : 'The action failed'}</Alert>}
      </Stack>
    </Card>
  );
}

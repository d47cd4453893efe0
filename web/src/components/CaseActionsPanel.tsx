import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Group, Kbd, List, Modal, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
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

/** The actions that close the case: each is confirmed, with what it will do, before it is sent. */
type Closing = 'withdraw' | 'cancel';
const isClosing = (x: Action): x is Closing => x === 'withdraw' || x === 'cancel';

/** What withdrawing or cancelling this case will do, in words, for the confirmation. */
export function closingEffects(kind: Closing, c: CaseDetail): { title: string; confirm: string; effects: string[] } {
  const pending = c.lines.filter((l) => l.outcome === null);
  const decided = c.lines.length - pending.length;
  const lines = pending.map((l) => `line ${l.lineNo} (${l.codeSystem} ${l.code})`).join(', ');
  if (kind === 'withdraw') {
    return {
      title: 'Confirm the withdrawal',
      confirm: 'Withdraw the request',
      effects: [
        pending.length === 0 ? 'No line is pending: nothing is left to withdraw.' : `${pending.length === 1 ? 'The pending line' : `The ${pending.length} pending lines`} will be closed as withdrawn: ${lines}.`,
        ...(decided > 0 ? [`The ${decided} line${decided === 1 ? '' : 's'} already decided keep${decided === 1 ? 's' : ''} ${decided === 1 ? 'its' : 'their'} decision.`] : []),
        'The case leaves the work queues and no decision will be made on the withdrawn lines.',
        'The reason is recorded in the case notes, which the provider sees, and in the audit trail.',
      ],
    };
  }
  return {
    title: 'Confirm the cancellation',
    confirm: 'Cancel the case',
    effects: [
      `Case ${c.caseNumber} will be closed as cancelled${pending.length > 0 ? `, with ${lines} undecided` : ''}.`,
      'The case leaves the work queues and is unassigned; no decision or letter is made.',
      'The reason is recorded in an internal note and in the audit trail.',
    ],
  };
}

/** Workflow actions the caller may take on this case (the server decides which, and refuses the rest). */
export function CaseActionsPanel({ c }: { c: CaseDetail }) {
  const qc = useQueryClient();
  const { session } = useAuth();
  const [open, setOpen] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [userId, setUserId] = useState<string | null>(null);
  const [when, setWhen] = useState('');
  const [confirming, setConfirming] = useState<Closing | null>(null);
  // One request per action: a double click must not send it twice (the pending state of the
  // mutation reaches the buttons only after a re-render).
  const inFlight = useRef(false);
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
    onSettled: () => {
      inFlight.current = false;
    },
    onSuccess: () => {
      setOpen(null);
      setConfirming(null);
      setText('');
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['audit', c.id] });
    },
  });

  const send = (x: Action) => {
    if (inFlight.current) return;
    inFlight.current = true;
    run.mutate(x);
  };

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
        if (a.take) send('take');
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
          <Button variant="light" loading={run.isPending && run.variables === 'take'} onClick={() => send('take')}>
            Take this case <Kbd ml="xs" size="xs">T</Kbd>
          </Button>
        )}
        {a.sendToReview && <Button variant="light" loading={run.isPending && run.variables === 'send-to-review'} onClick={() => send('send-to-review')}>Send to clinical review</Button>}
        {items
          .filter((x) => x.allowed)
          .map((x) =>
            open === x.key ? (
              <Stack key={x.key} gap={4}>
                <Textarea label={x.field} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} required={x.required} autoFocus />
                <Button.Group>
                  <Button variant="default" onClick={() => setOpen(null)}>Back</Button>
                  <Button loading={run.isPending && !isClosing(x.key)} disabled={x.required && text.trim() === ''} onClick={() => (isClosing(x.key) ? setConfirming(x.key) : send(x.key))}>{isClosing(x.key) ? `${x.label}…` : x.label}</Button>
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
                <Button loading={run.isPending} disabled={userId === null} onClick={() => send('reassign')}>Reassign</Button>
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
                <Button loading={run.isPending} disabled={userId === null || text.trim() === ''} onClick={() => send('opinion')}>Ask for an opinion</Button>
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
                <Button loading={run.isPending} disabled={when === '' || text.trim() === ''} onClick={() => send('receipt')}>Correct the receipt time</Button>
              </Button.Group>
            </Stack>
          ) : (
            <Button variant="default" onClick={() => { setOpen('receipt'); setText(''); }}>Correct the receipt time…</Button>
          ))}
        {run.error !== null && confirming === null && <Alert color="red" role="alert">{run.error instanceof ApiError ? run.error.message : 'The action failed'}</Alert>}
      </Stack>
      {confirming !== null && <ClosingConfirmation kind={confirming} c={c} reason={text} pending={run.isPending} error={run.error} onBack={() => { setConfirming(null); run.reset(); }} onConfirm={() => send(confirming)} />}
    </Card>
  );
}

function ClosingConfirmation({ kind, c, reason, pending, error, onBack, onConfirm }: { kind: Closing; c: CaseDetail; reason: string; pending: boolean; error: Error | null; onBack: () => void; onConfirm: () => void }) {
  const e = closingEffects(kind, c);
  return (
    <Modal opened onClose={onBack} title={e.title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <List size="sm" spacing={4}>
          {e.effects.map((x) => <List.Item key={x}>{x}</List.Item>)}
        </List>
        <Text size="sm"><b>Reason:</b> {reason}</Text>
        <Text size="sm" fw={500}>This cannot be undone.</Text>
        {error !== null && <Alert color="red" role="alert">{error instanceof ApiError ? error.message : 'The action failed'}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} disabled={pending}>Back</Button>
          <Button color="red" loading={pending} onClick={onConfirm}>{e.confirm}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

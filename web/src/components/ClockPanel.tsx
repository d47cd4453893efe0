/**
 * The decision clock of a case: the rule and its citation, the due time and how long is left, the
 * obligations, what missing it means, the decision and notice instants, and the history of clock
 * events — with the events the caller may record (the server refuses the rest, with the reason).
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { formatInstant } from '../format';
import { BreachBadge, CONSEQUENCE_LABEL } from './ClockBreach';
import type { ClockView } from '../types';

type Action = ClockView['actions'][number];

const ACTION: Record<Action, { label: string; path: string; reason: 'required' | 'optional' | 'none'; at: boolean }> = {
  extension: { label: 'Take an extension', path: 'extension', reason: 'required', at: false },
  expedite_denied: { label: 'Deny the expedite request (downgrade)', path: 'expedite-denied', reason: 'required', at: false },
  priority_upgrade: { label: 'Upgrade to expedited', path: 'priority-upgrade', reason: 'required', at: false },
  necessary_info_received: { label: 'Necessary information received', path: 'necessary-info-received', reason: 'optional', at: true },
  oral_notice: { label: 'Oral notice given', path: 'oral-notice', reason: 'optional', at: true },
  written_notice: { label: 'Written notice sent', path: 'written-notice', reason: 'optional', at: true },
  liability_end: { label: 'End post-stabilization liability', path: 'liability-end', reason: 'none', at: true },
};

const STATE: Record<string, { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue' },
  paused: { label: 'Paused (tolled)', color: 'grape' },
  awaiting_notice: { label: 'Decided — notice due', color: 'orange' },
  met: { label: 'On time', color: 'green' },
  late: { label: 'Late', color: 'red' },
  stopped: { label: 'Stopped', color: 'gray' },
  no_clock: { label: 'No clock', color: 'gray' },
};

const END_REASONS = [
  { value: 'plan_physician_assumed_care', label: 'A plan physician assumed care' },
  { value: 'transferred', label: 'Patient transferred' },
  { value: 'discharged', label: 'Patient discharged' },
  { value: 'agreement_reached', label: 'Agreement reached with the treating physician' },
];

const words = (s: string) => s.replace(/_/g, ' ');

export function ClockPanel({ caseId }: { caseId: string }) {
  const qc = useQueryClient();
  const { data: k, isLoading, error } = useQuery({ queryKey: ['clock', caseId], queryFn: () => api<ClockView>('GET', `/api/cases/${caseId}/clock`), refetchInterval: 60_000 });
  const [open, setOpen] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [days, setDays] = useState<number>(14);
  const [at, setAt] = useState('');
  const [endReason, setEndReason] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (a: Action) => {
      const when = at === '' ? {} : { at: new Date(at).toISOString() };
      const why = reason.trim() === '' ? {} : { reason };
      const body =
        a === 'extension' ? { days, reason } : a === 'liability_end' ? { reason: endReason ?? '', ...when, ...(reason.trim() === '' ? {} : { note: reason }) } : { ...why, ...(ACTION[a].at ? when : {}) };
      return api<ClockView>('POST', `/api/cases/${caseId}/clock/${ACTION[a].path}`, body);
    },
    onSuccess: (fresh) => {
      qc.setQueryData(['clock', caseId], fresh);
      void qc.invalidateQueries({ queryKey: ['case', caseId] });
      setOpen(null);
      setReason('');
      setAt('');
    },
  });
  if (isLoading) return null;
  if (error !== null || k === undefined) return <Alert color="gray">No decision clock for this case.</Alert>;
  const tz = k.timeZone;
  const state = STATE[k.state] ?? { label: k.state, color: 'gray' };
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="clock-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id="clock-title">Decision clock</Title>
        <Badge color={state.color} variant="light">{state.label}</Badge>
      </Group>
      <Stack gap={6}>
        {k.breach !== null && <BreachBadge ms={k.msToBreach} level={k.breach} />}
        <Text size="sm"><b>Due</b> {formatInstant(k.dueAt, tz)}</Text>
        {k.policy !== null && (
          <Text size="sm">
            <b>Rule</b> {k.policy.title} (version {k.policy.version}) — <Text span ff="monospace" size="xs">{k.ruleId}</Text>
          </Text>
        )}
        {k.citation !== null && <Text size="sm" aria-label="Citation"><b>Citation</b> {k.citation}</Text>}
        {k.consequence !== null && (
          <Text size="sm"><b>If missed</b> {CONSEQUENCE_LABEL[k.consequence.kind] ?? words(k.consequence.kind)} <Text span size="xs" c="dimmed">({k.consequence.citation})</Text></Text>
        )}
        {k.noClockReason !== null && <Alert color="gray" p="xs">{k.noClockReason}</Alert>}
        {k.stoppedReason !== null && <Text size="sm" c="dimmed">Stopped: {words(k.stoppedReason)}</Text>}
        {k.liability !== null && (
          <Alert color={k.liability.endedAt === null ? 'red' : 'gray'} p="xs" title="Post-stabilization liability">
            Plan liable since {formatInstant(k.liability.startedAt, tz)}
            {k.liability.endedAt !== null && ` until ${formatInstant(k.liability.endedAt, tz)} (${words(k.liability.endReason ?? '')})`}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          On time is judged on the {k.measure === 'decision' ? 'decision' : 'notice to the enrollee'}. Decided {formatInstant(k.decidedAt, tz)} · oral notice {formatInstant(k.oralNoticeAt, tz)} · written notice {formatInstant(k.writtenNoticeAt, tz)}
        </Text>
        {k.obligations.length > 0 && (
          <>
            <Text size="sm" fw={600}>Obligations</Text>
            <List size="xs" spacing={2}>
              {k.obligations.map((o, i) => (
                <List.Item key={`${o.kind}-${i}`}>
                  {words(o.kind)}: by {formatInstant(o.dueAt, tz)} — {o.description} <Text span c="dimmed">({o.citation})</Text>
                </List.Item>
              ))}
            </List>
          </>
        )}
        {k.actions.length > 0 && (
          <Stack gap={4} mt="xs">
            {k.actions.map((a) =>
              open === a ? (
                <Stack key={a} gap={4}>
                  {a === 'extension' && <NumberInput label="Days" min={1} max={30} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : Number(v))} />}
                  {a === 'liability_end' && <Select label="Why it ends" data={END_REASONS} value={endReason} onChange={setEndReason} required />}
                  {ACTION[a].at && <TextInput type="datetime-local" label="When (leave empty for now)" value={at} onChange={(e) => setAt(e.currentTarget.value)} />}
                  {ACTION[a].reason !== 'none' || a === 'liability_end' ? (
                    <Textarea label={a === 'liability_end' ? 'Note' : 'Reason'} required={ACTION[a].reason === 'required'} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
                  ) : null}
                  <Button.Group>
                    <Button variant="default" onClick={() => setOpen(null)}>Back</Button>
                    <Button loading={record.isPending} disabled={(ACTION[a].reason === 'required' && reason.trim() === '') || (a === 'liability_end' && endReason === null)} onClick={() => record.mutate(a)}>
                      {ACTION[a].label}
                    </Button>
                  </Button.Group>
                </Stack>
              ) : (
                <Button key={a} size="xs" variant="default" onClick={() => { setOpen(a); setReason(''); setAt(''); }}>{ACTION[a].label}…</Button>
              ),
            )}
            {record.error !== null && <Alert color="red" role="alert">{record.error instanceof ApiError ? record.error.message : 'The clock event was not recorded'}</Alert>}
          </Stack>
        )}
        <Text size="sm" fw={600} mt="xs">History</Text>
        <Table aria-label="Clock history" fz="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {k.events.map((e) => (
              <Table.Tr key={e.seq}>
                <Table.Td>{formatInstant(e.at, tz)}</Table.Td>
                <Table.Td>
                  {words(e.type)}
                  {e.reason !== null && <Text size="xs">Why: {e.reason}</Text>}
                  {e.note !== null && <Text size="xs" c="dimmed">{e.note}</Text>}
                  {e.citation !== null && <Text size="xs" c="dimmed">{e.citation}</Text>}
                </Table.Td>
                <Table.Td>{e.actor.name ?? e.actor.id} ({words(e.actor.role)})</Table.Td>
                <Table.Td>{e.dueBefore !== null && e.dueAfter !== null && e.dueBefore !== e.dueAfter ? `${formatInstant(e.dueBefore, tz)} → ${formatInstant(e.dueAfter, tz)}` : formatInstant(e.dueAfter ?? e.dueBefore, tz)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { OUTCOME_LABEL } from '../format';
import type { CaseDetail } from '../types';

const ADVERSE = new Set(['denied', 'approved_modified']);
const CATEGORIES = ['medical_necessity', 'benefit', 'eligibility', 'network', 'insufficient_information', 'administrative'];

interface LineChoice {
  outcome: string | null;
  approvedUnits: number | null;
}

/**
 * The decision form. It offers each pending line only the outcomes the server says this reviewer
 * may record (a nurse sees no deny); an adverse choice asks for the category, reason code and a
 * specific reason, and every decision is confirmed before it is sent, once.
 */
export function DecisionForm({ c }: { c: CaseDetail }) {
  const qc = useQueryClient();
  const pending = c.lines.filter((l) => l.outcome === null && (c.actions.lineOutcomes[l.id]?.length ?? 0) > 0);
  const [choices, setChoices] = useState<Record<string, LineChoice>>({});
  const [category, setCategory] = useState<string | null>(null);
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chosen = pending.filter((l) => choices[l.id]?.outcome != null);
  const adverse = chosen.some((l) => ADVERSE.has(choices[l.id]?.outcome ?? ''));

  const decide = useMutation({
    mutationFn: () =>
      api<CaseDetail>('POST', `/api/cases/${c.id}/decision`, {
        lines: chosen.map((l) => {
          const ch = choices[l.id]!;
          return { lineId: l.id, outcome: ch.outcome, ...(ch.outcome === 'approved_modified' && ch.approvedUnits !== null ? { approvedUnits: ch.approvedUnits } : {}) };
        }),
        ...(adverse ? { category, reasonCode, reason } : {}),
      }),
    onSuccess: (data) => {
      qc.setQueryData(['case', c.id], (old: CaseDetail | undefined) => (old === undefined ? old : { ...data, actions: { ...old.actions, outcomes: [], lineOutcomes: {} } }));
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      setConfirming(false);
      setChoices({});
    },
    onError: () => setConfirming(false),
  });

  const set = (lineId: string, patch: Partial<LineChoice>) => setChoices((prev) => ({ ...prev, [lineId]: { outcome: null, approvedUnits: null, ...prev[lineId], ...patch } }));
  const ready = chosen.length > 0 && (!adverse || (category !== null && reasonCode.trim() !== '' && reason.trim().length >= 10));

  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="decision-title">
      <Title order={2} size="h5" id="decision-title" mb="xs">Decision</Title>
      <Stack gap="sm">
        {pending.map((l) => (
          <div key={l.id}>
            <Select
              label={`Line ${l.lineNo}: ${l.codeSystem} ${l.code} (${l.units} ${l.unitType})`}
              placeholder="Choose an outcome"
              data={(c.actions.lineOutcomes[l.id] ?? []).map((o) => ({ value: o, label: OUTCOME_LABEL[o] ?? o }))}
              value={choices[l.id]?.outcome ?? null}
              onChange={(v) => set(l.id, { outcome: v })}
              clearable
            />
            {choices[l.id]?.outcome === 'approved_modified' && (
              <NumberInput label={`Approved units (requested ${l.units})`} min={1} max={l.units - 1} value={choices[l.id]?.approvedUnits ?? ''} onChange={(v) => set(l.id, { approvedUnits: typeof v === 'number' ? v : null })} mt={4} />
            )}
          </div>
        ))}
        {adverse && (
          <>
            <Text size="sm" c="red.8">An adverse determination: the member will receive a denial notice with this reason.</Text>
            <Select label="Denial category" data={CATEGORIES.map((v) => ({ value: v, label: v.replace(/_/g, ' ') }))} value={category} onChange={setCategory} required />
            <TextInput label="Reason code" value={reasonCode} onChange={(e) => setReasonCode(e.currentTarget.value)} required />
            <Textarea label="Specific reason, in plain language" description="Say what was missing or not met, so the member and provider understand it." value={reason} onChange={(e) => setReason(e.currentTarget.value)} minRows={3} autosize required />
          </>
        )}
        {decide.error !== null && <Alert color="red" role="alert">{decide.error instanceof ApiError ? decide.error.message : 'The decision was not recorded'}</Alert>}
        <Button onClick={() => setConfirming(true)} disabled={!ready}>Record decision</Button>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Confirm the decision">
        <Stack>
          {chosen.map((l) => (
            <Text key={l.id} size="sm">Line {l.lineNo} ({l.code}): <b>{OUTCOME_LABEL[choices[l.id]?.outcome ?? ''] ?? ''}</b></Text>
          ))}
          <Group justify="end">
            <Button variant="default" onClick={() => setConfirming(false)}>Back</Button>
            <Button color={adverse ? 'red' : 'green'} loading={decide.isPending} onClick={() => decide.mutate()}>Confirm</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Fieldset, Group, List, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { OUTCOME_LABEL } from '../format';
import type { CaseDetail, CaseLine, CriteriaSet } from '../types';

const ADVERSE = new Set(['denied', 'approved_modified']);
const CATEGORIES = ['medical_necessity', 'benefit', 'eligibility', 'network', 'insufficient_information', 'administrative'];

interface LineChoice {
  outcome: string | null;
  approvedUnits: number | null;
  approvedFrom: string;
  approvedTo: string;
}

/** A criteria-set version the case was checked against (frozen at intake), with the lines it applies to. */
interface CaseSet {
  readonly key: string;
  readonly id: string;
  readonly version: string;
  readonly lineIds: readonly string[];
  readonly lineNos: readonly number[];
  readonly criteria: readonly { readonly id: string; readonly text: string; readonly outcome: string }[];
}

/** The case's frozen criteria sets, one entry per version, from the case view. */
function caseSets(c: CaseDetail): CaseSet[] {
  interface Entry { id: string; version: string; lineIds: string[]; lineNos: number[]; criteria: Map<string, { id: string; text: string; outcome: string }> }
  const out = new Map<string, Entry>();
  for (const r of c.criteria) {
    const s = r.criteriaSet;
    if (s === null || s.version === null) continue;
    const key = `${s.id}@${s.version}`;
    const e: Entry = out.get(key) ?? { id: s.id, version: s.version, lineIds: [], lineNos: [], criteria: new Map<string, { id: string; text: string; outcome: string }>() };
    e.lineIds.push(r.lineId);
    e.lineNos.push(c.lines.find((l) => l.id === r.lineId)?.lineNo ?? 0);
    for (const x of r.criteria) {
      // A criterion not met on any line of the set stays "not met".
      if (e.criteria.get(x.id)?.outcome !== 'not_met') e.criteria.set(x.id, { id: x.id, text: x.text, outcome: x.outcome });
    }
    out.set(key, e);
  }
  return [...out.entries()].map(([key, e]) => ({ key, id: e.id, version: e.version, lineIds: e.lineIds, lineNos: e.lineNos, criteria: [...e.criteria.values()] }));
}

/** Pre-selection: a set is cited, with its criteria not met, where a criterion was not met. */
function initialCitations(sets: readonly CaseSet[]): Record<string, { cited: boolean; criterionIds: string[] }> {
  const out: Record<string, { cited: boolean; criterionIds: string[] }> = {};
  for (const s of sets) {
    const notMet = s.criteria.filter((x) => x.outcome === 'not_met').map((x) => x.id);
    out[s.key] = { cited: notMet.length > 0, criterionIds: notMet };
  }
  return out;
}

function SetLabel({ s }: { s: CaseSet }) {
  const { data } = useQuery({
    queryKey: ['criteria-set', s.id, s.version],
    queryFn: () => api<{ document: CriteriaSet }>('GET', `/api/criteria/${encodeURIComponent(s.id)}?version=${encodeURIComponent(s.version)}`),
    staleTime: Infinity,
  });
  return (
    <>
      {data?.document.title ?? s.id} ({s.id} v{s.version}) — line{s.lineNos.length > 1 ? 's' : ''} {s.lineNos.join(', ')}
    </>
  );
}

const periodEnd = (chosen: string | undefined, requested: string | null): string => (chosen !== undefined && chosen.trim() !== '' ? chosen.trim() : (requested ?? '…'));

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a modification (empty when it reduces what was asked, and only reduces). */
function modificationProblem(l: CaseLine, ch: LineChoice): string | null {
  const from = ch.approvedFrom.trim();
  const to = ch.approvedTo.trim();
  if (from !== '' && !isoDate.test(from)) return 'Give the approved start as a date';
  if (to !== '' && !isoDate.test(to)) return 'Give the approved end as a date';
  if (from !== '' && l.fromDate !== null && from < l.fromDate) return `The approved period cannot start before the requested start (${l.fromDate})`;
  if (to !== '' && l.toDate !== null && to > l.toDate) return `The approved period cannot end after the requested end (${l.toDate})`;
  if (from !== '' && to !== '' && to < from) return 'The approved period ends before it starts';
  const fewer = ch.approvedUnits !== null && ch.approvedUnits < l.units;
  const shorter = (from !== '' && l.fromDate !== null && from > l.fromDate) || (to !== '' && (l.toDate === null || to < l.toDate));
  if (!fewer && !shorter) return 'Give fewer units or a shorter period';
  return null;
}

/**
 * The decision form. It offers each pending line only the outcomes the server says this reviewer
 * may record (a nurse sees no deny); an adverse choice asks for the category, reason code, a
 * specific reason and what the decision rests on — the criteria sets the case was checked against
 * (pre-selected where a criterion was not met) and/or a coverage rule or plan policy with its
 * reference. An approval with modifications takes fewer units and/or a shorter period inside the
 * requested one. Every decision is confirmed before it is sent, once.
 */
export function DecisionForm({ c }: { c: CaseDetail }) {
  const qc = useQueryClient();
  const pending = c.lines.filter((l) => l.outcome === null && (c.actions.lineOutcomes[l.id]?.length ?? 0) > 0);
  const sets = caseSets(c);
  const [choices, setChoices] = useState<Record<string, LineChoice>>({});
  const [category, setCategory] = useState<string | null>(null);
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const [citations, setCitations] = useState(() => initialCitations(sets));
  const [rule, setRule] = useState('');
  const [ruleReference, setRuleReference] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chosen = pending.filter((l) => choices[l.id]?.outcome != null);
  const adverseLines = chosen.filter((l) => ADVERSE.has(choices[l.id]?.outcome ?? ''));
  const adverse = adverseLines.length > 0;

  const cited = sets.filter((s) => citations[s.key]?.cited === true);
  const hasRule = rule.trim() !== '' && ruleReference.trim() !== '';
  const ruleHalf = (rule.trim() === '') !== (ruleReference.trim() === '');
  // Every adverse line must rest on its own criteria set or on the coverage rule.
  const unsupported = adverseLines.filter((l) => !hasRule && !cited.some((s) => s.lineIds.includes(l.id)));
  const modProblems = chosen
    .filter((l) => choices[l.id]?.outcome === 'approved_modified')
    .map((l) => ({ l, problem: modificationProblem(l, choices[l.id]!) }))
    .filter((x) => x.problem !== null);

  const decide = useMutation({
    mutationFn: () =>
      api<CaseDetail>('POST', `/api/cases/${c.id}/decision`, {
        lines: chosen.map((l) => {
          const ch = choices[l.id]!;
          if (ch.outcome !== 'approved_modified') return { lineId: l.id, outcome: ch.outcome };
          return {
            lineId: l.id,
            outcome: ch.outcome,
            ...(ch.approvedUnits !== null && ch.approvedUnits < l.units ? { approvedUnits: ch.approvedUnits } : {}),
            ...(ch.approvedFrom.trim() !== '' ? { approvedFrom: ch.approvedFrom.trim() } : {}),
            ...(ch.approvedTo.trim() !== '' ? { approvedTo: ch.approvedTo.trim() } : {}),
          };
        }),
        ...(adverse
          ? {
              category,
              reasonCode,
              reason,
              basis: {
                ...(cited.length > 0 ? { criteria: cited.map((s) => ({ criteriaSetId: s.id, criteriaSetVersion: s.version, criterionIds: citations[s.key]?.criterionIds ?? [] })) } : {}),
                ...(hasRule ? { coverageRule: { rule: rule.trim(), reference: ruleReference.trim() } } : {}),
              },
            }
          : {}),
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

  const set = (lineId: string, patch: Partial<LineChoice>) =>
    setChoices((prev) => ({ ...prev, [lineId]: { outcome: null, approvedUnits: null, approvedFrom: '', approvedTo: '', ...prev[lineId], ...patch } }));
  const cite = (key: string, patch: Partial<{ cited: boolean; criterionIds: string[] }>) =>
    setCitations((prev) => ({ ...prev, [key]: { cited: false, criterionIds: [], ...prev[key], ...patch } }));
  const reasonReady = category !== null && reasonCode.trim() !== '' && reason.trim().length >= 10;
  const ready = chosen.length > 0 && modProblems.length === 0 && (!adverse || (reasonReady && unsupported.length === 0 && !ruleHalf));

  const basisSummary = [
    ...cited.map((s) => `${s.id} v${s.version}${(citations[s.key]?.criterionIds.length ?? 0) > 0 ? ` (${citations[s.key]?.criterionIds.join(', ')})` : ''}`),
    ...(hasRule ? [`${rule.trim()} (${ruleReference.trim()})`] : []),
  ];

  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="decision-title">
      <Title order={2} size="h5" id="decision-title" mb="xs">Decision</Title>
      <Stack gap="sm">
        {pending.map((l) => {
          const ch = choices[l.id];
          const problem = ch?.outcome === 'approved_modified' ? modificationProblem(l, ch) : null;
          return (
            <div key={l.id}>
              <Select
                label={`Line ${l.lineNo}: ${l.codeSystem} ${l.code} (${l.units} ${l.unitType})`}
                placeholder="Choose an outcome"
                data={(c.actions.lineOutcomes[l.id] ?? []).map((o) => ({ value: o, label: OUTCOME_LABEL[o] ?? o }))}
                value={ch?.outcome ?? null}
                onChange={(v) => set(l.id, { outcome: v })}
                clearable
              />
              {ch?.outcome === 'approved_modified' && (
                <Fieldset legend={`What is approved on line ${l.lineNo}`} mt={4} p="xs">
                  <NumberInput label={`Approved units (requested ${l.units})`} min={1} max={l.units} value={ch.approvedUnits ?? ''} onChange={(v) => set(l.id, { approvedUnits: typeof v === 'number' ? v : null })} />
                  <SimpleGrid cols={2} spacing="xs" mt={4}>
                    <TextInput
                      type="date"
                      label={`Approved from (requested ${l.fromDate ?? 'not given'})`}
                      min={l.fromDate ?? undefined}
                      max={l.toDate ?? undefined}
                      value={ch.approvedFrom}
                      onChange={(e) => set(l.id, { approvedFrom: e.currentTarget.value })}
                    />
                    <TextInput
                      type="date"
                      label={`Approved to (requested ${l.toDate ?? 'not given'})`}
                      min={l.fromDate ?? undefined}
                      max={l.toDate ?? undefined}
                      value={ch.approvedTo}
                      onChange={(e) => set(l.id, { approvedTo: e.currentTarget.value })}
                    />
                  </SimpleGrid>
                  {problem !== null && <Text size="sm" c="red.8" mt={4} role="status">{problem}</Text>}
                </Fieldset>
              )}
            </div>
          );
        })}
        {adverse && (
          <>
            <Text size="sm" c="red.8">An adverse determination: the member will receive a denial notice with this reason.</Text>
            <Select label="Denial category" data={CATEGORIES.map((v) => ({ value: v, label: v.replace(/_/g, ' ') }))} value={category} onChange={setCategory} required />
            <TextInput label="Reason code" value={reasonCode} onChange={(e) => setReasonCode(e.currentTarget.value)} required />
            <Textarea label="Specific reason, in plain language" description="Say what was missing or not met, so the member and provider understand it." value={reason} onChange={(e) => setReason(e.currentTarget.value)} minRows={3} autosize required />
            <Fieldset legend="What the decision rests on" p="xs" aria-describedby="basis-help">
              <Text size="xs" c="dimmed" id="basis-help" mb={4}>
                Cite the criteria set each line was checked against, and/or a coverage rule or plan policy with where it is written. The denial notice quotes it.
              </Text>
              <Stack gap={6}>
                {sets.length === 0 && <Text size="sm">This case was not checked against criteria: cite a coverage rule or plan policy.</Text>}
                {sets.map((s) => (
                  <div key={s.key}>
                    <Checkbox label={<SetLabel s={s} />} checked={citations[s.key]?.cited ?? false} onChange={(e) => cite(s.key, { cited: e.currentTarget.checked })} />
                    {citations[s.key]?.cited === true && s.criteria.length > 0 && (
                      <Stack gap={2} ml="lg" mt={4} role="group" aria-label={`Criteria cited from ${s.id}`}>
                        {s.criteria.map((x) => (
                          <Checkbox
                            key={x.id}
                            size="xs"
                            label={`${x.text} (${x.outcome === 'not_met' ? 'not met' : x.outcome})`}
                            checked={citations[s.key]?.criterionIds.includes(x.id) ?? false}
                            onChange={(e) => {
                              const on = e.currentTarget.checked;
                              const ids = citations[s.key]?.criterionIds ?? [];
                              cite(s.key, { criterionIds: on ? [...ids, x.id] : ids.filter((i) => i !== x.id) });
                            }}
                          />
                        ))}
                      </Stack>
                    )}
                  </div>
                ))}
                <TextInput label="Coverage rule or plan policy" description="Named as the member can look it up, e.g. “Positive airway pressure devices policy”." value={rule} onChange={(e) => setRule(e.currentTarget.value)} />
                <TextInput label="Reference" description="Where it is written: policy number, EOC section, NCD or LCD." value={ruleReference} onChange={(e) => setRuleReference(e.currentTarget.value)} />
                {ruleHalf && <Text size="sm" c="red.8" role="status">Give both the rule or policy and its reference.</Text>}
                {unsupported.length > 0 && (
                  <Text size="sm" c="red.8" role="status">
                    {unsupported.map((l) => `Line ${l.lineNo}`).join(', ')}: cite {sets.some((s) => unsupported.some((l) => s.lineIds.includes(l.id))) ? 'its criteria set or ' : ''}a coverage rule or plan policy.
                  </Text>
                )}
              </Stack>
            </Fieldset>
          </>
        )}
        {decide.error !== null && <Alert color="red" role="alert">{decide.error instanceof ApiError ? decide.error.message : 'The decision was not recorded'}</Alert>}
        <Button onClick={() => setConfirming(true)} disabled={!ready}>Record decision</Button>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Confirm the decision" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          {chosen.map((l) => {
            const ch = choices[l.id];
            const mod = ch?.outcome === 'approved_modified';
            return (
              <Text key={l.id} size="sm">
                Line {l.lineNo} ({l.code}): <b>{OUTCOME_LABEL[ch?.outcome ?? ''] ?? ''}</b>
                {mod ? ` — ${ch?.approvedUnits ?? l.units} of ${l.units} unit(s), ${periodEnd(ch?.approvedFrom, l.fromDate)} to ${periodEnd(ch?.approvedTo, l.toDate)}` : ''}
              </Text>
            );
          })}
          {adverse && (
            <div>
              <Text size="sm">Rests on:</Text>
              <List size="sm">{basisSummary.map((b) => <List.Item key={b}>{b}</List.Item>)}</List>
            </div>
          )}
          <Group justify="end">
            <Button variant="default" onClick={() => setConfirming(false)}>Back</Button>
            <Button color={adverse ? 'red.9' : 'green.9'} loading={decide.isPending} onClick={() => decide.mutate()}>Confirm</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

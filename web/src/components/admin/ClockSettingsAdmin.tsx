/**
 * Administration → Clock policies: which versioned clock policy applies to each line of business
 * and product (with the version in force, its effective dates and source, and the catalogue's
 * citations), the Medicaid / CHIP rating-period start, the plan's time zone, the at-risk warning
 * share, and the holiday calendars. Edits are a draft until saved; saving lists every change first;
 * the server checks the settings and audits the change; they apply to cases received from then on.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Accordion, Alert, Badge, Button, Code, Group, Modal, MultiSelect, NumberInput, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import {
  assignmentLabel, calendarIdOf, describeChanges, FUNDING_LABEL, hasRatingPeriod, LOB_LABEL, todayIn, usesRatingPeriod, versionInForce,
  type Assignment, type CalendarInfo, type ClockConfig, type Policy,
} from './clockSettingsModel';
import { HolidayCalendars } from './HolidayCalendars';
import { ConfirmChanges, ProblemAlert } from './SettingsSave';

const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
  }
})();

export function ClockSettingsAdmin() {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['admin', 'clock-settings'], queryFn: () => api<ClockConfig>('GET', '/api/tenant/clock-settings') });
  const catalogue = useQuery({ queryKey: ['clock-policies'], queryFn: () => api<{ items: Policy[] }>('GET', '/api/clocks/policies'), staleTime: Infinity });
  const calendars = useQuery({ queryKey: ['admin', 'clock-calendars'], queryFn: () => api<{ years: number[]; items: CalendarInfo[] }>('GET', '/api/clocks/calendars') });
  const [draft, setDraft] = useState<ClockConfig | null>(null);
  const [editing, setEditing] = useState<{ index: number | null; value: Assignment } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sending = useRef(false);
  useEffect(() => {
    if (settings.data !== undefined) setDraft(settings.data);
  }, [settings.data]);
  const policies = useMemo(() => new Map((catalogue.data?.items ?? []).map((p) => [p.id, p])), [catalogue.data]);
  const save = useMutation({
    mutationFn: (d: ClockConfig) => api<ClockConfig>('PUT', '/api/tenant/clock-settings', { clocks: d.clocks, atRiskPercent: d.atRiskPercent }),
    onSuccess: (saved) => {
      setConfirming(false);
      qc.setQueryData(['admin', 'clock-settings'], saved);
      void qc.invalidateQueries({ queryKey: ['admin', 'clock-calendars'] });
    },
    onError: () => setConfirming(false),
    onSettled: () => {
      sending.current = false;
    },
  });

  if (settings.error !== null) return <ProblemAlert error={settings.error} title="The clock settings could not be read" />;
  if (settings.data === undefined || draft === null) return <Text>Loading the clock settings…</Text>;
  const saved = settings.data;
  const changes = describeChanges(saved, draft, policies);
  const today = todayIn(draft.clocks.timeZone);
  const setAssignments = (assignments: readonly Assignment[]) => setDraft({ ...draft, clocks: { ...draft.clocks, assignments } });
  const confirm = () => {
    if (sending.current) return;
    sending.current = true;
    save.mutate(draft);
  };

  return (
    <Stack>
      <Text size="sm">
        Each request’s decision clock comes from the clock policies assigned to its member’s coverage: the most specific row matching the line of business, product type,
        funding and state wins. Changes apply to cases received after they are saved; cases already received keep their clocks.
      </Text>

      <Title order={2} size="h4">Plan settings</Title>
      <Group align="end">
        <Select
          label="Plan time zone"
          description="Calendar-day deadlines end at 23:59:59 in this zone unless a row names another"
          data={ZONES}
          searchable
          allowDeselect={false}
          value={draft.clocks.timeZone}
          onChange={(v) => v !== null && setDraft({ ...draft, clocks: { ...draft.clocks, timeZone: v } })}
          w={340}
        />
        <NumberInput
          label="At-risk warning (% of the window)"
          description="Queues warn once this share of a case’s time has passed"
          min={1}
          max={99}
          clampBehavior="none"
          suffix=" %"
          value={draft.atRiskPercent}
          onChange={(v) => setDraft({ ...draft, atRiskPercent: typeof v === 'number' ? v : Number(v) })}
          w={300}
        />
      </Group>

      <Title order={2} size="h4">Which policies apply</Title>
      <Table.ScrollContainer minWidth={960}>
      <Table aria-label="Clock policy assignments" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Applies to</Table.Th>
            <Table.Th>Policies, in precedence order (version in force today)</Table.Th>
            <Table.Th>Rating period starts</Table.Th>
            <Table.Th>Holiday calendar</Table.Th>
            <Table.Th>Time zone</Table.Th>
            <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.clocks.assignments.map((a, i) => (
            <Table.Tr key={`${assignmentLabel(a)}-${i}`}>
              <Table.Td>{assignmentLabel(a)}</Table.Td>
              <Table.Td>
                {a.policies.map((id) => {
                  const p = policies.get(id);
                  const v = p === undefined ? undefined : versionInForce(p, a, today);
                  return (
                    <div key={id}>
                      <Text size="sm">
                        <Code>{id}</Code>{' '}
                        {v?.version !== undefined
                          ? `version ${v.version.version}, ${v.version.effectiveFrom} – ${v.version.effectiveTo ?? 'open'}${p?.versionKey === 'rating_period_start' ? ` (rating period from ${v.keyDate})` : ''}`
                          : p === undefined ? 'not in the catalogue' : `no version in force on ${v?.keyDate ?? today}`}
                      </Text>
                      {p !== undefined && <Text size="xs" c="dimmed">{p.title}</Text>}
                    </div>
                  );
                })}
              </Table.Td>
              <Table.Td>{usesRatingPeriod(a, policies) ? (a.ratingPeriodStartMonthDay ?? '01-01 (default)') : '—'}</Table.Td>
              <Table.Td>{calendarIdOf(a, policies)}{a.calendar === undefined ? ' (policy’s)' : ''}</Table.Td>
              <Table.Td>{a.timeZone ?? 'plan’s'}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="default" aria-label={`Edit ${assignmentLabel(a)}`} onClick={() => setEditing({ index: i, value: a })}>Edit</Button>
                  <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${assignmentLabel(a)}`} onClick={() => setAssignments(draft.clocks.assignments.filter((_, j) => j !== i))}>Remove</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      <Group>
        <Button variant="default" onClick={() => setEditing({ index: null, value: { lineOfBusiness: 'commercial', policies: ['commercial_erisa'] } })}>Add a row</Button>
      </Group>

      <Title order={2} size="h4">Holiday calendars</Title>
      <HolidayCalendars draft={draft.clocks} policies={policies} builtIns={calendars.data} onChange={setAssignments} />

      <Group justify="end">
        {changes.length > 0 && <Text size="sm" aria-live="polite">{changes.length} unsaved change{changes.length === 1 ? '' : 's'}</Text>}
        <Button variant="default" disabled={changes.length === 0} onClick={() => setDraft(saved)}>Discard changes</Button>
        <Button disabled={changes.length === 0} onClick={() => { save.reset(); setConfirming(true); }}>Save clock settings…</Button>
      </Group>
      <ProblemAlert error={save.error} title="The clock settings were not saved" />
      {save.isSuccess && changes.length === 0 && <Alert color="green" role="status">Saved. New cases get their clocks from these settings.</Alert>}

      <Title order={2} size="h4">Policy catalogue</Title>
      <Text size="sm">The versioned policies a row can name, each version with its effective dates, source and the citations of its rules.</Text>
      {catalogue.error !== null && <ProblemAlert error={catalogue.error} title="The policy catalogue could not be read" />}
      <Accordion multiple variant="separated">
        {(catalogue.data?.items ?? []).map((p) => (
          <Accordion.Item key={p.id} value={p.id}>
            <Accordion.Control>
              <Code>{p.id}</Code> {p.title} <Badge variant="light" ml="xs">{p.jurisdiction}</Badge>
            </Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" mb="xs">
                Business days: <Code>{p.calendar}</Code>. Versions chosen by the {p.versionKey === 'rating_period_start' ? 'start of the rating period' : 'receipt date'}.
                {p.fallbacks.length > 0 ? ` Rules it does not have come from ${p.fallbacks.join(', ')}.` : ''}
              </Text>
              <Table aria-label={`Versions of ${p.id}`}>
                <Table.Thead><Table.Tr><Table.Th>Version</Table.Th><Table.Th>In force from</Table.Th><Table.Th>Until</Table.Th><Table.Th>Source</Table.Th><Table.Th>Citations</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {p.versions.map((v) => (
                    <Table.Tr key={v.version}>
                      <Table.Td>{v.version}</Table.Td>
                      <Table.Td>{v.effectiveFrom}</Table.Td>
                      <Table.Td>{v.effectiveTo ?? 'open'}</Table.Td>
                      <Table.Td>{v.source}</Table.Td>
                      <Table.Td><Text size="xs">{v.citations.join(' · ')}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>

      {editing !== null && (
        <AssignmentForm
          initial={editing.value}
          isNew={editing.index === null}
          policies={catalogue.data?.items ?? []}
          calendarIds={[...(calendars.data?.items ?? []).filter((c) => c.builtIn).map((c) => c.id), ...new Set(draft.clocks.assignments.flatMap((a) => (typeof a.calendar === 'object' ? [a.calendar.id] : [])))]}
          ownCalendar={(id) => draft.clocks.assignments.map((a) => a.calendar).find((c) => typeof c === 'object' && c.id === id)}
          onCancel={() => setEditing(null)}
          onApply={(a) => {
            const list = [...draft.clocks.assignments];
            if (editing.index === null) list.push(a);
            else list[editing.index] = a;
            setAssignments(list);
            setEditing(null);
          }}
        />
      )}
      <ConfirmChanges
        opened={confirming}
        title="Save the clock settings"
        changes={changes}
        note="They apply to cases received from now on; cases already received keep their clocks."
        pending={save.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={confirm}
      />
    </Stack>
  );
}

/** One row: what it applies to and what it runs under. Applying changes the draft only. */
function AssignmentForm(props: {
  readonly initial: Assignment;
  readonly isNew: boolean;
  readonly policies: readonly Policy[];
  readonly calendarIds: readonly string[];
  readonly ownCalendar: (id: string) => Assignment['calendar'];
  readonly onCancel: () => void;
  readonly onApply: (a: Assignment) => void;
}) {
  const [a, setA] = useState<Assignment>(props.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const calendarValue = a.calendar === undefined ? '' : typeof a.calendar === 'string' ? a.calendar : a.calendar.id;
  const apply = () => {
    if (a.policies.length === 0) return setProblem('Choose at least one policy.');
    if (a.state !== undefined && !/^[A-Z]{2}$/.test(a.state)) return setProblem('The state is two capital letters, e.g. TX.');
    if (a.ratingPeriodStartMonthDay !== undefined && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(a.ratingPeriodStartMonthDay)) return setProblem('The rating period start is a month and day, MM-DD, e.g. 07-01.');
    props.onApply(a);
  };
  const opt = <K extends keyof Assignment>(key: K, value: Assignment[K] | undefined): Assignment => {
    const next: Record<string, unknown> = { ...a };
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next as unknown as Assignment;
  };
  return (
    <Modal opened onClose={props.onCancel} title={props.isNew ? 'Add a row' : `Edit ${assignmentLabel(props.initial)}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Select label="Line of business" data={Object.entries(LOB_LABEL).map(([value, label]) => ({ value, label }))} value={a.lineOfBusiness} allowDeselect={false} onChange={(v) => v !== null && setA({ ...opt('ratingPeriodStartMonthDay', hasRatingPeriod(v) ? a.ratingPeriodStartMonthDay : undefined), lineOfBusiness: v })} />
        <TextInput label="Product type" description="As on the coverage (HMO, PPO, FFS…); empty for any product" value={a.productType ?? ''} onChange={(e) => setA(opt('productType', e.currentTarget.value.trim() === '' ? undefined : e.currentTarget.value.trim()))} />
        <Select label="Funding" data={[{ value: '', label: 'any' }, ...Object.entries(FUNDING_LABEL).map(([value, label]) => ({ value, label }))]} value={a.funding ?? ''} allowDeselect={false} onChange={(v) => setA(opt('funding', v === 'fully_insured' || v === 'self_funded' ? v : undefined))} />
        <TextInput label="State" description="Two letters, the coverage's governing state; empty for any state" maxLength={2} value={a.state ?? ''} onChange={(e) => setA(opt('state', e.currentTarget.value.toUpperCase() === '' ? undefined : e.currentTarget.value.toUpperCase()))} />
        <MultiSelect
          label="Policies"
          description="In precedence order: a state overlay before its base"
          data={props.policies.map((p) => ({ value: p.id, label: `${p.id} — ${p.title}` }))}
          value={[...a.policies]}
          searchable
          onChange={(v) => setA({ ...a, policies: v })}
        />
        {hasRatingPeriod(a.lineOfBusiness) && (
          <TextInput
            label="Rating period starts (MM-DD)"
            description="Managed care: the 7-day standard timeframe applies to rating periods starting on or after 2026-01-01 (42 CFR 438.210(d)); empty for a calendar-year period"
            placeholder="01-01"
            value={a.ratingPeriodStartMonthDay ?? ''}
            onChange={(e) => setA(opt('ratingPeriodStartMonthDay', e.currentTarget.value.trim() === '' ? undefined : e.currentTarget.value.trim()))}
          />
        )}
        <Select
          label="Holiday calendar"
          description="Which days are business days for business-day clocks"
          data={[{ value: '', label: 'the first policy’s calendar' }, ...props.calendarIds.map((id) => ({ value: id, label: id }))]}
          value={calendarValue}
          allowDeselect={false}
          onChange={(v) => {
            const own = v === null || v === '' ? undefined : props.ownCalendar(v);
            setA(opt('calendar', v === null || v === '' ? undefined : (own ?? v)));
          }}
        />
        <Select label="Time zone" description="Empty: the plan's time zone" data={[{ value: '', label: 'the plan’s time zone' }, ...ZONES.map((z) => ({ value: z, label: z }))]} searchable value={a.timeZone ?? ''} allowDeselect={false} onChange={(v) => setA(opt('timeZone', v === null || v === '' ? undefined : v))} />
        {problem !== null && <Alert color="red" role="alert">{problem}</Alert>}
        <Group justify="end">
          <Button variant="default" onClick={props.onCancel}>Cancel</Button>
          <Button onClick={apply}>Apply to the draft</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The holiday calendars business-day clocks use, per jurisdiction: the computed US federal
 * holidays (and the Texas and California additions) for this year and next, each with the day it
 * falls on and the day it is observed; and the plan's own calendars — a copy of a built-in one with
 * closures added and holidays removed — assigned to the rows that should use them. Edits change
 * the draft of the clock settings; nothing is stored until it is saved.
 */
import { useState } from 'react';
import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { assignmentLabel, calendarIdOf, dayLabel, type Assignment, type CalendarInfo, type CalendarSpec, type CalendarYear, type ClockSettings, type Holiday, type Policy } from './clockSettingsModel';
import { ProblemAlert } from './SettingsSave';

const ownCalendars = (s: ClockSettings): CalendarSpec[] => {
  const seen = new Map<string, CalendarSpec>();
  for (const a of s.assignments) if (typeof a.calendar === 'object' && !seen.has(a.calendar.id)) seen.set(a.calendar.id, a.calendar);
  return [...seen.values()];
};

function note(h: Holiday): string {
  if (h.source === 'removed') return 'not kept by the plan: a business day';
  if (h.source === 'added') return 'closure added by the plan';
  const moved = h.date === h.observedOn ? '' : `${dayLabel(h.date).slice(0, 3) === 'Sat' ? 'Saturday' : 'Sunday'}: observed ${dayLabel(h.observedOn).slice(0, 3) === 'Fri' ? 'the Friday before' : 'the Monday after'}`;
  const basis = h.source === 'federal' ? '5 U.S.C. 6103' : 'calendar rule';
  return moved === '' ? basis : `${basis}; ${moved}`;
}

interface HolidayEdits {
  /** Open again on a closure the plan added. */
  readonly onOpen: (date: string) => void;
  /** Keep again a holiday the plan dropped. */
  readonly onKeep: (date: string) => void;
  /** Stop keeping a holiday. */
  readonly onDrop: (date: string) => void;
}

function HolidayTable(props: { readonly calendar: string; readonly year: CalendarYear; readonly edits?: HolidayEdits }) {
  const e = props.edits;
  return (
    <Table.ScrollContainer minWidth={640}>
    <Table aria-label={`Holidays of ${props.calendar} in ${props.year.year}`} striped>
      <Table.Caption>{props.year.year}</Table.Caption>
      <Table.Thead>
        <Table.Tr><Table.Th>Holiday</Table.Th><Table.Th>Falls on</Table.Th><Table.Th>Observed (no business day)</Table.Th><Table.Th>Note</Table.Th>{e !== undefined && <Table.Th>Change</Table.Th>}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.year.holidays.map((h) => (
          <Table.Tr key={`${h.observedOn}-${h.name}`}>
            <Table.Td>{h.source === 'removed' ? <s>{h.name}</s> : h.name}</Table.Td>
            <Table.Td>{dayLabel(h.date)}</Table.Td>
            <Table.Td>{h.source === 'removed' ? '—' : dayLabel(h.observedOn)}</Table.Td>
            <Table.Td><Text size="xs">{note(h)}</Text></Table.Td>
            {e !== undefined && (
              <Table.Td>
                {h.source === 'added' && <Button size="xs" variant="default" aria-label={`Open again on ${h.observedOn}`} onClick={() => e.onOpen(h.observedOn)}>Open again</Button>}
                {h.source === 'removed' && <Button size="xs" variant="default" aria-label={`Keep again: ${h.name} on ${h.observedOn}`} onClick={() => e.onKeep(h.observedOn)}>Keep again</Button>}
                {(h.source === 'federal' || h.source === 'rule') && <Button size="xs" variant="default" aria-label={`Do not keep ${h.name} on ${h.observedOn}`} onClick={() => e.onDrop(h.observedOn)}>Do not keep</Button>}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
    </Table.ScrollContainer>
  );
}

export function HolidayCalendars(props: {
  readonly draft: ClockSettings;
  readonly policies: ReadonlyMap<string, Policy>;
  readonly builtIns: { years: number[]; items: CalendarInfo[] } | undefined;
  readonly onChange: (assignments: readonly Assignment[]) => void;
}) {
  const [selected, setSelected] = useState('us-federal');
  const [copying, setCopying] = useState<{ id: string; name: string; usedBy: string[] } | null>(null);
  const [closure, setClosure] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const builtIn = (props.builtIns?.items ?? []).filter((c) => c.builtIn);
  const own = ownCalendars(props.draft);
  const ownSpec = own.find((c) => c.id === selected);
  const years = props.builtIns?.years;
  const preview = useQuery({
    queryKey: ['admin', 'calendar-preview', ownSpec, years],
    queryFn: () => api<{ years: CalendarYear[] }>('POST', '/api/clocks/calendars/preview', { calendar: ownSpec, ...(years === undefined ? {} : { years }) }),
    enabled: ownSpec !== undefined,
  });
  const shown: readonly CalendarYear[] = ownSpec !== undefined ? (preview.data?.years ?? []) : (builtIn.find((c) => c.id === selected)?.years ?? []);
  const usedBy = props.draft.assignments.map((a, i) => ({ a, i })).filter(({ a }) => calendarIdOf(a, props.policies) === selected);
  const name = ownSpec?.name ?? builtIn.find((c) => c.id === selected)?.name ?? selected;

  const replaceSpec = (spec: CalendarSpec) => props.onChange(props.draft.assignments.map((a) => (typeof a.calendar === 'object' && a.calendar.id === spec.id ? { ...a, calendar: spec } : a)));
  const addClosure = () => {
    if (ownSpec === undefined) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(closure)) return setProblem('Give the closure as a date.');
    if (ownSpec.addedDates.includes(closure)) return setProblem(`${closure} is already a closure.`);
    setProblem(null);
    replaceSpec({ ...ownSpec, addedDates: [...ownSpec.addedDates, closure].sort() });
    setClosure('');
  };
  const edits: HolidayEdits | undefined =
    ownSpec === undefined
      ? undefined
      : {
          onOpen: (date) => replaceSpec({ ...ownSpec, addedDates: ownSpec.addedDates.filter((d) => d !== date) }),
          onKeep: (date) => replaceSpec({ ...ownSpec, removedDates: ownSpec.removedDates.filter((d) => d !== date) }),
          onDrop: (date) => replaceSpec({ ...ownSpec, removedDates: [...ownSpec.removedDates, date].sort() }),
        };
  const create = () => {
    if (copying === null) return;
    const base = builtIn.find((c) => c.id === selected)?.spec;
    if (base === undefined) return;
    if (!/^[a-z0-9-]{2,40}$/.test(copying.id) || builtIn.some((c) => c.id === copying.id) || own.some((c) => c.id === copying.id)) return setProblem('Give the calendar a new id: lower-case letters, digits and hyphens.');
    if (copying.usedBy.length === 0) return setProblem('Choose at least one row to use the calendar (a calendar no row uses is not kept).');
    const spec: CalendarSpec = { ...base, id: copying.id, name: copying.name.trim() === '' ? `${base.name} (plan)` : copying.name.trim() };
    props.onChange(props.draft.assignments.map((a, i) => (copying.usedBy.includes(String(i)) ? { ...a, calendar: spec } : a)));
    setProblem(null);
    setCopying(null);
    setSelected(spec.id);
  };
  const stopUsing = () => {
    if (ownSpec === undefined) return;
    props.onChange(props.draft.assignments.map((a) => (typeof a.calendar === 'object' && a.calendar.id === ownSpec.id ? (({ calendar: _drop, ...rest }) => rest)(a) : a)));
    setSelected('us-federal');
  };

  return (
    <Stack>
      <Text size="sm">
        Business-day clocks skip weekends and these holidays. The US federal holidays are computed from 5 U.S.C. 6103: a holiday on a Saturday is observed the Friday before,
        one on a Sunday the Monday after. A plan adds its own closures (or drops a holiday it does not keep) in a calendar of its own, used by the rows it chooses.
      </Text>
      <Group align="end">
        <Select
          label="Calendar"
          w={420}
          allowDeselect={false}
          data={[
            { group: 'Built in, per jurisdiction', items: builtIn.map((c) => ({ value: c.id, label: `${c.id} — ${c.name}` })) },
            { group: 'The plan’s own', items: own.map((c) => ({ value: c.id, label: `${c.id} — ${c.name}` })) },
          ].filter((g) => g.items.length > 0)}
          value={selected}
          onChange={(v) => { if (v !== null) { setSelected(v); setCopying(null); setProblem(null); } }}
        />
        {ownSpec === undefined && copying === null && (
          <Button variant="default" onClick={() => setCopying({ id: `plan-${selected}`, name: '', usedBy: usedBy.map(({ i }) => String(i)) })}>Make the plan’s own copy…</Button>
        )}
        {ownSpec !== undefined && <Button variant="subtle" color="red" onClick={stopUsing}>Stop using this calendar</Button>}
      </Group>
      <Text size="sm">
        {name}. Used by: {usedBy.length === 0 ? 'no row' : usedBy.map(({ a }) => assignmentLabel(a)).join('; ')}.
      </Text>

      {copying !== null && (
        <Stack p="sm" bd="1px solid var(--mantine-color-gray-4)" style={{ borderRadius: 4 }}>
          <Text size="sm" fw={600}>A copy of {selected} for the plan</Text>
          <Group align="end">
            <TextInput label="Calendar id" value={copying.id} onChange={(e) => setCopying({ ...copying, id: e.currentTarget.value })} />
            <TextInput label="Calendar name" placeholder={`${name} (plan)`} value={copying.name} onChange={(e) => setCopying({ ...copying, name: e.currentTarget.value })} w={360} />
          </Group>
          <MultiSelect label="Rows that use it" data={props.draft.assignments.map((a, i) => ({ value: String(i), label: assignmentLabel(a) }))} value={copying.usedBy} onChange={(v) => setCopying({ ...copying, usedBy: v })} searchable />
          <Group>
            <Button onClick={create}>Create the calendar</Button>
            <Button variant="default" onClick={() => setCopying(null)}>Cancel</Button>
          </Group>
        </Stack>
      )}

      {ownSpec !== undefined && (
        <Group align="end">
          <TextInput label="Calendar name" value={ownSpec.name} onChange={(e) => replaceSpec({ ...ownSpec, name: e.currentTarget.value })} w={360} />
          <TextInput label="Closure date" type="date" value={closure} onChange={(e) => setClosure(e.currentTarget.value)} />
          <Button variant="default" onClick={addClosure}>Add the closure</Button>
        </Group>
      )}
      {problem !== null && <Alert color="red" role="alert">{problem}</Alert>}
      {ownSpec !== undefined && <ProblemAlert error={preview.error} title="The calendar cannot be computed" />}

      <SimpleGrid cols={{ base: 1, xl: 2 }}>
        {shown.map((y) => (
          <HolidayTable key={y.year} calendar={selected} year={y} {...(edits === undefined ? {} : { edits })} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

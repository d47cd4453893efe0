/**
 * Administration → Routing: the rules the work queues route by — which coverages need a reviewer
 * licensed in the member's state, which services need a physician of a given specialty — and each
 * reviewer's routing profile (further licence states, specialties, and the service categories a
 * reviewer is limited to). Forms, not JSON; saving lists every change first; the server checks and
 * audits it; tenant rules apply to cases received from then on.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Group, MultiSelect, Select, Stack, Table, TagsInput, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { FUNDING_LABEL, LOB_LABEL } from './clockSettingsModel';
import { SERVICE_GROUPS, words } from './shared';
import { ConfirmChanges, ProblemAlert } from './SettingsSave';

interface LicensureRule {
  readonly lineOfBusiness: string;
  readonly productType?: string;
  readonly funding?: 'fully_insured' | 'self_funded';
  readonly state?: string;
}
interface CodeRange { readonly from: string; readonly to: string }
interface SpecialtyRule {
  readonly specialty: string;
  readonly serviceGroups?: readonly string[];
  readonly codeRanges?: readonly CodeRange[];
}
interface RoutingSettings {
  readonly version: 1;
  readonly licensure: readonly LicensureRule[];
  readonly specialties: readonly SpecialtyRule[];
}

const licensureLabel = (r: LicensureRule): string =>
  [LOB_LABEL[r.lineOfBusiness] ?? r.lineOfBusiness, r.productType ?? 'any product', r.funding === undefined ? 'any funding' : FUNDING_LABEL[r.funding], r.state ?? 'any state'].join(' · ');
const specialtyLabel = (r: SpecialtyRule): string =>
  `${r.specialty}: ${[...(r.serviceGroups ?? []).map(words), ...(r.codeRanges ?? []).map((c) => `${c.from}–${c.to}`)].join(', ') || 'nothing'}`;

/** The changes a save makes, in words. */
export function describeRoutingChanges(saved: RoutingSettings, draft: RoutingSettings): string[] {
  const out: string[] = [];
  const a = saved.licensure.map(licensureLabel);
  const b = draft.licensure.map(licensureLabel);
  for (const l of b) if (!a.includes(l)) out.push(`Licence in the member’s state now required for: ${l}`);
  for (const l of a) if (!b.includes(l)) out.push(`Licence in the member’s state no longer required for: ${l}`);
  const s = saved.specialties.map(specialtyLabel);
  const d = draft.specialties.map(specialtyLabel);
  for (const l of d) if (!s.includes(l)) out.push(`Specialty rule added or changed — ${l}`);
  for (const l of s) if (!d.includes(l)) out.push(`Specialty rule removed or replaced — ${l}`);
  if (out.length === 0 && JSON.stringify(s) !== JSON.stringify(d)) out.push(`Specialty rules reordered: ${draft.specialties.map((r) => r.specialty).join(' → ')} (the first that matches applies)`);
  return out;
}

/** The object with an optional field set, or left out when empty (the server refuses empty strings). */
const without = <T extends object>(o: T, key: keyof T & string, value: unknown): T => {
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  return (empty ? rest : { ...rest, [key]: value }) as T;
};

export function RoutingAdmin() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['admin', 'routing-settings'], queryFn: () => api<RoutingSettings>('GET', '/api/tenant/routing-settings') });
  const [draft, setDraft] = useState<RoutingSettings | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sending = useRef(false);
  useEffect(() => {
    if (q.data !== undefined) setDraft(q.data);
  }, [q.data]);
  const save = useMutation({
    mutationFn: (d: RoutingSettings) => api<RoutingSettings>('PUT', '/api/tenant/routing-settings', d),
    onSuccess: (saved) => {
      setConfirming(false);
      qc.setQueryData(['admin', 'routing-settings'], saved);
    },
    onError: () => setConfirming(false),
    onSettled: () => {
      sending.current = false;
    },
  });
  if (q.error !== null) return <ProblemAlert error={q.error} title="The routing settings could not be read" />;
  if (q.data === undefined || draft === null) return <Text>Loading the routing settings…</Text>;
  const saved = q.data;
  const changes = describeRoutingChanges(saved, draft);
  const setLicensure = (i: number, r: LicensureRule) => setDraft({ ...draft, licensure: draft.licensure.map((x, j) => (j === i ? r : x)) });
  const setSpecialty = (i: number, r: SpecialtyRule) => setDraft({ ...draft, specialties: draft.specialties.map((x, j) => (j === i ? r : x)) });

  return (
    <Stack>
      <Text size="sm">
        The queues hand a case only to reviewers who can take it. These rules are set on each case when it is received; cases already received keep theirs.
      </Text>

      <Title order={2} size="h4">Licence in the member’s state</Title>
      <Text size="sm">
        Coverage matching a row needs a reviewer licensed in the coverage’s state (state utilization-review laws). Medicare Advantage and self-funded ERISA plans accept any US licence unless listed.
      </Text>
      <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Licensure rules" striped>
        <Table.Thead>
          <Table.Tr><Table.Th>Line of business</Table.Th><Table.Th>Product type</Table.Th><Table.Th>Funding</Table.Th><Table.Th>Only coverage in state</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.licensure.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td><Select aria-label={`Line of business, licensure row ${i + 1}`} data={Object.entries(LOB_LABEL).map(([value, label]) => ({ value, label }))} value={r.lineOfBusiness} allowDeselect={false} onChange={(v) => v !== null && setLicensure(i, { ...r, lineOfBusiness: v })} /></Table.Td>
              <Table.Td><TextInput aria-label={`Product type, licensure row ${i + 1}`} placeholder="any" value={r.productType ?? ''} onChange={(e) => setLicensure(i, without(r, 'productType', e.currentTarget.value.trim()))} /></Table.Td>
              <Table.Td><Select aria-label={`Funding, licensure row ${i + 1}`} data={[{ value: '', label: 'any' }, ...Object.entries(FUNDING_LABEL).map(([value, label]) => ({ value, label }))]} value={r.funding ?? ''} allowDeselect={false} onChange={(v) => setLicensure(i, without(r, 'funding', v ?? ''))} /></Table.Td>
              <Table.Td><TextInput aria-label={`State, licensure row ${i + 1}`} placeholder="any" maxLength={2} w={80} value={r.state ?? ''} onChange={(e) => setLicensure(i, without(r, 'state', e.currentTarget.value.toUpperCase()))} /></Table.Td>
              <Table.Td><Button size="xs" variant="subtle" color="red" aria-label={`Remove licensure row ${i + 1}`} onClick={() => setDraft({ ...draft, licensure: draft.licensure.filter((_, j) => j !== i) })}>Remove</Button></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      <Group><Button variant="default" onClick={() => setDraft({ ...draft, licensure: [...draft.licensure, { lineOfBusiness: 'medicare_advantage' }] })}>Add a licensure row</Button></Group>

      <Title order={2} size="h4">Specialty of the physician reviewer</Title>
      <Text size="sm">A case with a line in one of these service categories or code ranges goes to a physician of that specialty. Rules are tried in order; the first that matches applies.</Text>
      {draft.specialties.map((r, i) => (
        <Card key={i} withBorder padding="sm" aria-label={`Specialty rule ${i + 1}`} component="section">
          <Stack gap="xs">
            <Group align="end">
              <TextInput label={`Specialty (rule ${i + 1})`} description="As written on reviewers’ profiles, e.g. Cardiovascular Disease" value={r.specialty} onChange={(e) => setSpecialty(i, { ...r, specialty: e.currentTarget.value })} w={320} />
              <MultiSelect label={`Service categories (rule ${i + 1})`} data={SERVICE_GROUPS.map((g) => ({ value: g, label: words(g) }))} value={[...(r.serviceGroups ?? [])]} onChange={(v) => setSpecialty(i, without(r, 'serviceGroups', v))} w={360} searchable />
            </Group>
            {(r.codeRanges ?? []).map((c, k) => (
              <Group key={k} align="end">
                <TextInput label={`From code (rule ${i + 1}, range ${k + 1})`} maxLength={5} w={230} value={c.from} onChange={(e) => setSpecialty(i, { ...r, codeRanges: (r.codeRanges ?? []).map((x, m) => (m === k ? { ...x, from: e.currentTarget.value.toUpperCase() } : x)) })} />
                <TextInput label={`To code (rule ${i + 1}, range ${k + 1})`} maxLength={5} w={230} value={c.to} onChange={(e) => setSpecialty(i, { ...r, codeRanges: (r.codeRanges ?? []).map((x, m) => (m === k ? { ...x, to: e.currentTarget.value.toUpperCase() } : x)) })} />
                <Button size="xs" variant="subtle" color="red" aria-label={`Remove range ${k + 1} of rule ${i + 1}`} onClick={() => setSpecialty(i, without(r, 'codeRanges', (r.codeRanges ?? []).filter((_, m) => m !== k)))}>Remove range</Button>
              </Group>
            ))}
            <Group>
              <Button size="xs" variant="default" onClick={() => setSpecialty(i, { ...r, codeRanges: [...(r.codeRanges ?? []), { from: '', to: '' }] })}>Add a code range</Button>
              {i > 0 && <Button size="xs" variant="default" aria-label={`Move up rule ${i + 1}`} onClick={() => setDraft({ ...draft, specialties: draft.specialties.map((x, j) => (j === i - 1 ? r : j === i ? (draft.specialties[i - 1] ?? x) : x)) })}>Move up</Button>}
              <Button size="xs" variant="subtle" color="red" aria-label={`Remove rule ${i + 1}`} onClick={() => setDraft({ ...draft, specialties: draft.specialties.filter((_, j) => j !== i) })}>Remove rule</Button>
            </Group>
          </Stack>
        </Card>
      ))}
      <Group><Button variant="default" onClick={() => setDraft({ ...draft, specialties: [...draft.specialties, { specialty: '', serviceGroups: [] }] })}>Add a specialty rule</Button></Group>

      <Group justify="end">
        {changes.length > 0 && <Text size="sm" aria-live="polite">{changes.length} unsaved change{changes.length === 1 ? '' : 's'}</Text>}
        <Button variant="default" disabled={changes.length === 0} onClick={() => setDraft(saved)}>Discard changes</Button>
        <Button disabled={changes.length === 0} onClick={() => { save.reset(); setConfirming(true); }}>Save routing rules…</Button>
      </Group>
      <ProblemAlert error={save.error} title="The routing rules were not saved" />
      {save.isSuccess && changes.length === 0 && <Alert color="green" role="status">Saved. New cases are routed by these rules.</Alert>}
      <ConfirmChanges
        opened={confirming}
        title="Save the routing rules"
        changes={changes}
        note="They apply to cases received from now on; cases already received keep their routing."
        pending={save.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          if (sending.current) return;
          sending.current = true;
          save.mutate(draft);
        }}
      />

      <Title order={2} size="h4">A reviewer’s routing profile</Title>
      <ReviewerRouting />
    </Stack>
  );
}

interface AdminUser { readonly id: string; readonly displayName: string; readonly role: string; readonly licenceState: string | null; readonly specialty: string | null; readonly active: boolean }
interface Profile { readonly userId: string; readonly licenceState: string | null; readonly specialty: string | null; readonly licenceStates: string[]; readonly specialties: string[]; readonly serviceCategories: string[] }
const REVIEWERS = new Set(['intake', 'nurse', 'medical_director', 'specialist', 'appeals', 'supervisor']);

function ReviewerRouting() {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => api<{ items: AdminUser[] }>('GET', '/api/admin/users') });
  const [userId, setUserId] = useState<string | null>(null);
  const profile = useQuery({ queryKey: ['admin', 'reviewer-routing', userId], queryFn: () => api<Profile>('GET', `/api/queues/reviewers/${userId ?? ''}/routing`), enabled: userId !== null });
  const [form, setForm] = useState<{ licenceStates: string[]; specialties: string[]; serviceCategories: string[] } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const sending = useRef(false);
  useEffect(() => {
    if (profile.data !== undefined) setForm({ licenceStates: profile.data.licenceStates, specialties: profile.data.specialties, serviceCategories: profile.data.serviceCategories });
  }, [profile.data]);
  const save = useMutation({
    mutationFn: (f: NonNullable<typeof form>) => api('PUT', `/api/queues/reviewers/${userId ?? ''}/routing`, f),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: ['admin', 'reviewer-routing', userId] });
    },
    onError: () => setConfirming(false),
    onSettled: () => {
      sending.current = false;
    },
  });
  const reviewers = (users.data?.items ?? []).filter((u) => u.active && REVIEWERS.has(u.role));
  const p = profile.data;
  const changes: string[] = [];
  if (p !== undefined && form !== null) {
    const diff = (label: string, a: readonly string[], b: readonly string[], show: (s: string) => string = (s) => s) => {
      if (JSON.stringify([...a].sort()) !== JSON.stringify([...b].sort())) changes.push(`${label}: ${a.map(show).join(', ') || 'none'} → ${b.map(show).join(', ') || 'none'}`);
    };
    diff('Further licence states', p.licenceStates, form.licenceStates);
    diff('Further specialties', p.specialties, form.specialties);
    diff('Limited to service categories', p.serviceCategories, form.serviceCategories, words);
  }
  return (
    <Stack>
      <Text size="sm">A reviewer takes cases needing their licence state or specialty (from their user record) or any listed here; one limited to service categories gets only cases in those.</Text>
      <Select label="Reviewer" placeholder="Choose a reviewer" searchable data={reviewers.map((u) => ({ value: u.id, label: `${u.displayName} (${words(u.role)})` }))} value={userId} onChange={(v) => { setUserId(v); setForm(null); save.reset(); }} w={420} />
      {p !== undefined && form !== null && (
        <Stack gap="xs">
          <Text size="sm">Licence state on the user record: {p.licenceState ?? 'none'}; specialty: {p.specialty ?? 'none'}.</Text>
          <TagsInput label="Further licence states" description="Two letters each; press Enter after each" value={form.licenceStates} onChange={(v) => setForm({ ...form, licenceStates: v.map((s) => s.trim().toUpperCase()) })} w={420} />
          <TagsInput label="Further specialties" value={form.specialties} onChange={(v) => setForm({ ...form, specialties: v })} w={420} />
          <MultiSelect label="Limited to service categories" description="Empty: any service category" data={SERVICE_GROUPS.map((g) => ({ value: g, label: words(g) }))} value={form.serviceCategories} onChange={(v) => setForm({ ...form, serviceCategories: v })} w={420} searchable />
          {invalid !== null && <Alert color="red" role="alert">{invalid}</Alert>}
          <ProblemAlert error={save.error} title="The profile was not saved" />
          {save.isSuccess && changes.length === 0 && <Alert color="green" role="status">Saved.</Alert>}
          <Group>
            <Button
              disabled={changes.length === 0}
              onClick={() => {
                const bad = form.licenceStates.filter((s) => !/^[A-Z]{2}$/.test(s));
                if (bad.length > 0) return setInvalid(`Not a two-letter state: ${bad.join(', ')}`);
                setInvalid(null);
                save.reset();
                setConfirming(true);
              }}
            >
              Save the profile…
            </Button>
          </Group>
          <ConfirmChanges
            opened={confirming}
            title="Save the reviewer’s routing profile"
            changes={changes}
            note="Queues route by it at once."
            pending={save.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              if (sending.current) return;
              sending.current = true;
              save.mutate(form);
            }}
          />
        </Stack>
      )}
    </Stack>
  );
}

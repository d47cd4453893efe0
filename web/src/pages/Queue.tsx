/**
 * The work queue of a role: cases in due-time order with the time to breach in colour and words,
 * counts per queue, filters, and "Take next" (the server assigns the earliest-due case routed to
 * the caller, atomically).
 */
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Menu, Modal, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { formatInstant } from '../format';
import { BreachBadge, CONSEQUENCE_LABEL } from '../components/ClockBreach';
import type { QueueCount, QueueItem } from '../types';

const FILTERS = ['organisationId', 'lineOfBusiness', 'kind', 'priority', 'assignee'] as const;
const KINDS = ['prior_auth', 'referral', 'admission_notification', 'concurrent_review', 'snf_admission', 'post_stabilization', 'retrospective', 'reconsideration'];
const LOBS = ['medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp'];
const words = (s: string) => s.replace(/_/g, ' ');

/** A saved view: a queue and its filters, under a name the reviewer chose. */
export interface SavedView {
  readonly name: string;
  readonly queue: string;
  readonly filters: Readonly<Record<string, string>>;
}

const viewsKey = (userId: string) => `openum.queueViews.${userId}`;

/** The reviewer's saved views, kept in this browser per user. */
export function loadViews(userId: string): SavedView[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(viewsKey(userId)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter((v): v is SavedView => typeof v === 'object' && v !== null && typeof (v as SavedView).name === 'string' && typeof (v as SavedView).queue === 'string' && typeof (v as SavedView).filters === 'object');
  } catch {
    return [];
  }
}

function storeViews(userId: string, views: readonly SavedView[]): void {
  localStorage.setItem(viewsKey(userId), JSON.stringify(views));
}

const describeFilters = (f: Readonly<Record<string, string>>) => Object.entries(f).map(([k, v]) => `${k} ${words(v)}`).join(', ') || 'no filter';

/** The queue a role works first. */
export function homeQueue(role: string): string {
  switch (role) {
    case 'intake':
      return 'intake';
    case 'medical_director':
    case 'specialist':
      return 'medical_director';
    case 'appeals':
      return 'appeals';
    default:
      return 'nurse';
  }
}

export function QueuePage() {
  const { session } = useAuth();
  const role = session?.user.role ?? '';
  const { queue = homeQueue(role) } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const tz = session?.tenant.timeZone ?? 'UTC';
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v !== null && v !== '') query.set(f, v);
  }
  const counts = useQuery({ queryKey: ['queues'], queryFn: () => api<{ items: QueueCount[] }>('GET', '/api/queues'), refetchInterval: 30_000 });
  const items = useQuery({
    queryKey: ['queue', queue, query.toString()],
    queryFn: () => api<{ now: string; items: QueueItem[] }>('GET', `/api/queues/${queue}?${query.toString()}`),
    refetchInterval: 30_000,
  });
  const orgs = useQuery({ queryKey: ['organisations'], queryFn: () => api<{ items: { id: string; name: string; kind: string }[] }>('GET', '/api/organisations') });
  const take = useMutation({
    mutationFn: () => api<{ caseId: string | null }>('POST', `/api/queues/${queue}/take-next`, Object.fromEntries(query)),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['queue'] });
      void qc.invalidateQueries({ queryKey: ['queues'] });
      if (r.caseId !== null) void navigate(`/cases/${r.caseId}`);
    },
  });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const userId = session?.user.id ?? '';
  const [views, setViews] = useState<SavedView[]>(() => loadViews(userId));
  const [naming, setNaming] = useState(false);
  const [viewName, setViewName] = useState('');
  const current: Record<string, string> = Object.fromEntries(query);
  const updateViews = (next: SavedView[]) => {
    storeViews(userId, next);
    setViews(next);
  };
  const saveView = (e: FormEvent) => {
    e.preventDefault();
    const name = viewName.trim();
    if (name === '') return;
    // The same name replaces the older view.
    updateViews([...views.filter((v) => v.name !== name), { name, queue, filters: current }].sort((a, b) => a.name.localeCompare(b.name)));
    setNaming(false);
  };
  const openView = (v: SavedView) => void navigate(`/queue/${v.queue}${Object.keys(v.filters).length > 0 ? `?${new URLSearchParams(v.filters).toString()}` : ''}`);
  const mine = (counts.data?.items ?? []).find((c) => c.queue === queue);
  const works = ['intake', 'nurse', 'medical_director', 'specialist', 'appeals'].includes(role) && homeQueue(role) === queue;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={1} size="h3">Work queue</Title>
        <Group gap="xs">
          <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
            <Menu.Target>
              <Button variant="default">Saved views{views.length > 0 ? ` (${views.length})` : ''}</Button>
            </Menu.Target>
            <Menu.Dropdown aria-label="Saved views">
              {/* Only menu items in a menu (axe aria-required-children): the empty state is a disabled item. */}
              {views.length === 0 && <Menu.Item disabled>No saved view yet</Menu.Item>}
              {views.map((v) => (
                <Menu.Item key={v.name} onClick={() => openView(v)}>
                  {v.name}
                  <Text size="xs" c="dimmed">{words(v.queue)} · {describeFilters(v.filters)}</Text>
                </Menu.Item>
              ))}
              <Menu.Divider role="separator" />
              <Menu.Item onClick={() => { setViewName(''); setNaming(true); }}>Save the current filters…</Menu.Item>
              {views.map((v) => (
                <Menu.Item key={`delete-${v.name}`} color="red" onClick={() => updateViews(views.filter((x) => x.name !== v.name))}>Delete “{v.name}”</Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          {works && (
            <Button onClick={() => take.mutate()} loading={take.isPending}>
              Take next
            </Button>
          )}
        </Group>
      </Group>
      <Modal opened={naming} onClose={() => setNaming(false)} title="Save this view" closeButtonProps={{ 'aria-label': 'Close' }}>
        <form onSubmit={saveView} aria-label="Save this view">
          <Stack gap="sm">
            <Text size="sm">{words(queue)} queue · {describeFilters(current)}</Text>
            <TextInput label="View name" required value={viewName} onChange={(e) => setViewName(e.currentTarget.value)} data-autofocus />
            {views.some((v) => v.name === viewName.trim()) && <Text size="xs" c="dimmed">Replaces the view of the same name.</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>Back</Button>
              <Button type="submit" disabled={viewName.trim() === ''}>Save the view</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Tabs value={queue} onChange={(v) => v !== null && void navigate(`/queue/${v}`)} mb="sm">
        <Tabs.List aria-label="Queues">
          {(counts.data?.items ?? []).map((c) => (
            <Tabs.Tab key={c.queue} value={c.queue} rightSection={<Badge size="sm" variant="light" color={c.overdue > 0 ? 'red' : c.atRisk > 0 ? 'orange' : 'gray'}>{c.total}</Badge>}>
              {c.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {mine !== undefined && (
        <Text size="sm" mb="sm" aria-label="Queue counts">
          {mine.total} open · {mine.unassigned} unassigned · <Text span c={mine.overdue > 0 ? 'red.9' : undefined} fw={mine.overdue > 0 ? 700 : undefined}>{mine.overdue} overdue</Text> · <Text span fw={mine.atRisk > 0 ? 700 : undefined}>{mine.atRisk} at risk</Text>
        </Text>
      )}
      <Group mb="md" align="end" wrap="wrap">
        <Select label="Organisation" clearable data={(orgs.data?.items ?? []).filter((o) => o.kind !== 'provider_group').map((o) => ({ value: o.id, label: o.name }))} value={params.get('organisationId')} onChange={(v) => set('organisationId', v)} w={240} />
        <Select label="Line of business" clearable data={LOBS.map((l) => ({ value: l, label: words(l) }))} value={params.get('lineOfBusiness')} onChange={(v) => set('lineOfBusiness', v)} w={190} />
        <Select label="Kind" clearable data={KINDS.map((k) => ({ value: k, label: words(k) }))} value={params.get('kind')} onChange={(v) => set('kind', v)} w={190} />
        <Select label="Priority" clearable data={[{ value: 'standard', label: 'Standard' }, { value: 'expedited', label: 'Expedited' }]} value={params.get('priority')} onChange={(v) => set('priority', v)} w={140} />
        <Select label="Assignee" clearable data={[{ value: 'me', label: 'Me' }, { value: 'none', label: 'Unassigned' }]} value={params.get('assignee')} onChange={(v) => set('assignee', v)} w={150} />
      </Group>
      {take.data !== undefined && take.data.caseId === null && <Alert color="blue" mb="sm">No unassigned case in this queue is routed to you.</Alert>}
      {take.error !== null && <Alert color="red" role="alert" mb="sm">{take.error instanceof ApiError ? take.error.message : 'Could not take a case'}</Alert>}
      {items.error !== null && <Alert color="red" role="alert">{items.error.message}</Alert>}
      {items.isLoading ? (
        <Loader role="status" aria-label="Loading the queue" />
      ) : (
        <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover stickyHeader aria-label="Work queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time to breach</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Case</Table.Th>
              <Table.Th>Member</Table.Th>
              <Table.Th>Kind / line of business</Table.Th>
              <Table.Th>Priority</Table.Th>
              <Table.Th>Needs</Table.Th>
              <Table.Th>Assigned</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(items.data?.items ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td miw={170}>
                  <BreachBadge ms={c.msToBreach} level={c.breach} />
                  {c.breach === 'overdue' && c.consequence !== null && <Text size="xs" c="red.9">{CONSEQUENCE_LABEL[c.consequence] ?? words(c.consequence)}</Text>}
                </Table.Td>
                <Table.Td miw={120}>{formatInstant(c.dueAt, tz)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/cases/${c.id}`} fw={600}>{c.caseNumber}</Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.member.name}</Text>
                  <Text size="xs" c="dimmed">{c.member.memberNumber}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{words(c.kind)}</Text>
                  <Text size="xs" c="dimmed">{words(c.lineOfBusiness ?? '—')}</Text>
                </Table.Td>
                <Table.Td miw={130}>{c.priority === 'expedited' ? <Badge color="orange" variant="light">Expedited</Badge> : 'Standard'}</Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {[c.routing.requiredLicenceState === null ? null : `${c.routing.requiredLicenceState} licence`, c.routing.requiredSpecialty, c.routing.serviceCategory === null ? null : words(c.routing.serviceCategory)].filter((x) => x !== null).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>{c.assignedTo?.displayName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      {items.data !== undefined && items.data.items.length === 0 && <Text c="dimmed" mt="md">Nothing in this queue matches these filters.</Text>}
    </>
  );
}

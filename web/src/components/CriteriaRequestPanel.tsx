/**
 * "Which criteria was this decided on?" on the case page: the provider (or staff on their behalf)
 * asks, the request and its fulfilment are recorded, and the criteria sets the case rests on are
 * shown at once, each readable as plain text.
 */
import { Alert, Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import type { CaseDetail, CriteriaSetSummary } from '../types';

interface RequestItem {
  id: string;
  channel: string;
  requesterName: string;
  receivedAt: string;
  status: string;
  fulfilledAt: string | null;
  fulfilmentMethod: string | null;
  disclosed: unknown;
}

export function CriteriaRequestPanel({ c }: { c: CaseDetail }) {
  const { session } = useAuth();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['criteria-requests', c.id], queryFn: () => api<{ items: RequestItem[] }>('GET', `/api/cases/${c.id}/criteria-requests`) });
  const ask = useMutation({
    mutationFn: () => api<{ request: RequestItem; criteria: (CriteriaSetSummary & { text: string })[] }>('POST', `/api/cases/${c.id}/criteria-requests`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['criteria-requests', c.id] }),
  });
  const isProvider = session?.user.role === 'provider';
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h6" mb="xs">Criteria behind the decision</Title>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">The criteria sets this request was checked against are public. {isProvider ? 'Ask for them and the request is recorded.' : 'A request from the provider is recorded here.'}</Text>
        <Button size="xs" variant="light" onClick={() => ask.mutate()} loading={ask.isPending}>Ask for the criteria used</Button>
        {ask.error !== null && <Alert color="red" role="alert">{ask.error.message}</Alert>}
        {ask.data !== undefined && (
          <Alert color="blue" title="Criteria used" role="status">
            {ask.data.criteria.length === 0 ? (
              <Text size="sm">No criteria set was used for this case: it was decided on the plan's coverage rules or by a reviewer.</Text>
            ) : (
              ask.data.criteria.map((s) => (
                <Text size="sm" key={`${s.id}@${s.version}`}>
                  <Anchor underline="always" component={Link} to={`/criteria/${encodeURIComponent(s.id)}?version=${s.version}`}>{s.title} v{s.version}</Anchor> — {s.source.citation}
                </Text>
              ))
            )}
          </Alert>
        )}
        {(list.data?.items ?? []).map((r) => (
          <Text size="xs" key={r.id}>
            {new Date(r.receivedAt).toLocaleString()} — {r.channel.replace('_', ' ')} request by {r.requesterName}: {r.status}{r.fulfilmentMethod === null ? '' : ` (${r.fulfilmentMethod})`}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * The public criteria pages (no login): the sets in force, each with its source citation and its
 * clinical sign-off state, and each readable in full as plain text (42 CFR 422.101(b)(6)).
 */
import { Alert, Anchor, Badge, Box, Container, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api';
import type { CriteriaSetSummary } from '../types';

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Container size="lg" py="md" component="main">
      <Group justify="space-between" mb="md">
        <Anchor component={Link} to="/criteria" underline="never"><Title order={2} size="h4">OpenUM · Coverage criteria</Title></Anchor>
        <Anchor underline="always" component={Link} to="/cases" size="sm">Staff and provider log-in</Anchor>
      </Group>
      {children}
    </Container>
  );
}

export function ReviewedBadge({ reviewed }: { reviewed: CriteriaSetSummary['clinicallyReviewed'] }) {
  return reviewed.reviewed ? <Badge color="green" variant="light">Clinically reviewed by {reviewed.by}, {reviewed.credentials} ({reviewed.on})</Badge> : <Badge color="orange" variant="light">Not yet clinically reviewed</Badge>;
}

export function CriteriaListPage() {
  const [params] = useSearchParams();
  const tenant = params.get('tenant');
  const { data, isLoading, error } = useQuery({
    queryKey: ['public-criteria', tenant],
    queryFn: () => api<{ plan: { name: string }; date: string; items: CriteriaSetSummary[] }>('GET', `/api/criteria${tenant === null ? '' : `?tenant=${encodeURIComponent(tenant)}`}`),
  });
  return (
    <Frame>
      <Title order={1} size="h3">Medical-necessity criteria in force</Title>
      {data !== undefined && <Text size="sm" c="dimmed" mb="sm">{data.plan.name} · {data.date} · each set cites its source; sets not yet signed off by a clinician say so.</Text>}
      {error !== null && <Alert color="red" role="alert">{error.message}</Alert>}
      {isLoading ? <Loader role="status" aria-label="Loading criteria" /> : (
        <Table aria-label="Criteria sets" striped>
          <Table.Thead><Table.Tr><Table.Th>Criteria set</Table.Th><Table.Th>Version</Table.Th><Table.Th>Source</Table.Th><Table.Th>Codes</Table.Th><Table.Th>Clinical review</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td><Anchor underline="always" component={Link} to={`/criteria/${encodeURIComponent(s.id)}${tenant === null ? '' : `?tenant=${encodeURIComponent(tenant)}`}`}>{s.title}</Anchor><Text size="xs" c="dimmed">{s.id}</Text></Table.Td>
                <Table.Td>v{s.version}<Text size="xs" c="dimmed">from {s.effective.from}</Text></Table.Td>
                <Table.Td><Text size="sm">{s.source.citation}</Text></Table.Td>
                <Table.Td><Text size="xs">{s.codes.join(', ')}</Text></Table.Td>
                <Table.Td><ReviewedBadge reviewed={s.clinicallyReviewed} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Frame>
  );
}

export function CriteriaSetPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const q = new URLSearchParams();
  for (const k of ['version', 'tenant']) { const v = params.get(k); if (v !== null) q.set(k, v); }
  const qs = q.toString() === '' ? '' : `?${q.toString()}`;
  const { data, isLoading, error } = useQuery({
    queryKey: ['public-criteria-set', id, qs],
    queryFn: () => api<CriteriaSetSummary & { text: string }>('GET', `/api/criteria/${encodeURIComponent(id)}${qs}`),
  });
  return (
    <Frame>
      {error !== null && <Alert color="red" role="alert">{error.message}</Alert>}
      {isLoading && <Loader role="status" aria-label="Loading the criteria set" />}
      {data !== undefined && (
        <Stack gap="sm">
          <Title order={1} size="h3">{data.title}</Title>
          <Group gap="xs">
            <Badge variant="outline">{data.id} v{data.version}</Badge>
            <ReviewedBadge reviewed={data.clinicallyReviewed} />
            <Anchor underline="always" href={`/api/criteria/${encodeURIComponent(data.id)}.txt?version=${data.version}`} size="sm">Plain text</Anchor>
            <Anchor underline="always" href={`/api/criteria/${encodeURIComponent(data.id)}/questionnaire?version=${data.version}`} size="sm">FHIR Questionnaire</Anchor>
          </Group>
          <Text size="sm">Source: {data.source.citation}{data.source.url !== undefined && <> · <Anchor underline="always" href={data.source.url} target="_blank" rel="noreferrer">{data.source.reference}</Anchor></>}</Text>
          <Box component="pre" aria-label="Criteria text" style={{ whiteSpace: 'pre-wrap', fontSize: 13, background: 'var(--mantine-color-gray-0)', padding: 12, border: '1px solid var(--mantine-color-gray-3)' }}>{data.text}</Box>
        </Stack>
      )}
    </Frame>
  );
}

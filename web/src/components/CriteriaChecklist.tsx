/**
 * The reviewer's criteria checklist on the case page: for each line, the PA rule that decided,
 * the criteria-set version frozen onto it, every criterion's result with its citation, the answers
 * behind them, and why the line came to a person. Also the duplicate links of the case.
 */
import { Alert, Anchor, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import type { CaseCriteria, CaseDetail, CaseDuplicate, CriteriaSet } from '../types';

const RESULT: Record<string, { label: string; color: string }> = {
  approve: { label: 'Approved automatically', color: 'green' },
  refer_to_review: { label: 'For a reviewer', color: 'orange' },
  no_authorization_required: { label: 'No authorization required', color: 'teal' },
  notification_only: { label: 'Notification only', color: 'blue' },
  not_evaluated: { label: 'Not evaluated', color: 'gray' },
};
const OUTCOME: Record<string, { label: string; color: string }> = {
  met: { label: 'Met', color: 'green' },
  not_met: { label: 'Not met', color: 'red' },
  unknown: { label: 'Unknown', color: 'gray' },
};

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

function questionTexts(set: CriteriaSet | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (items: CriteriaSet['questionnaire']['item']) => {
    for (const i of items) {
      out.set(i.linkId, i.text ?? i.linkId);
      walk(i.item ?? []);
    }
  };
  if (set !== undefined) walk(set.questionnaire.item);
  return out;
}

function LineChecklist({ r, lineNo, code }: { r: CaseCriteria; lineNo: number; code: string }) {
  const set = r.criteriaSet;
  const { data } = useQuery({
    queryKey: ['criteria-set', set?.id, set?.version],
    enabled: set !== null && set.version !== null,
    queryFn: () => api<{ document: CriteriaSet }>('GET', `/api/criteria/${encodeURIComponent(set?.id ?? '')}?version=${encodeURIComponent(set?.version ?? '')}`),
    staleTime: Infinity,
  });
  const texts = questionTexts(data?.document);
  const result = RESULT[r.result] ?? { label: r.result, color: 'gray' };
  const answers = Object.entries(r.answers);
  return (
    <Stack gap="xs" aria-label={`Criteria for line ${lineNo}`}>
      <Group gap="xs">
        <Text fw={600} size="sm">Line {lineNo} · {code}</Text>
        <Badge variant="light" color={result.color}>{result.label}</Badge>
        <Badge variant="outline">{r.requirement.replace(/_/g, ' ')}</Badge>
        {r.paRule !== null && <Text size="xs" c="dimmed">PA rule {r.paRule.id} v{r.paRule.version}{r.serviceGroup === null ? '' : ` · ${r.serviceGroup}`}</Text>}
      </Group>
      {set !== null && (
        <Text size="sm">
          Criteria: <Anchor underline="always" component={Link} to={`/criteria/${encodeURIComponent(set.id)}${set.version === null ? '' : `?version=${set.version}`}`}>{data?.document.title ?? set.id}{set.version === null ? '' : ` v${set.version}`}</Anchor>
          {r.outcome !== null && <> — <Badge variant="light" size="sm" color={OUTCOME[r.outcome]?.color ?? 'gray'}>{OUTCOME[r.outcome]?.label ?? r.outcome}</Badge></>}
          {data !== undefined && !data.document.clinicallyReviewed.reviewed && <Text span size="xs" c="dimmed"> (not yet signed off by a clinician)</Text>}
        </Text>
      )}
      {r.reasons.length > 0 && (
        <List size="sm" spacing={2} aria-label={`Why line ${lineNo} came to a person`}>
          {r.reasons.map((x, i) => <List.Item key={i}>{x.message}{x.criteria !== undefined && x.criteria.length > 0 ? ` (${x.criteria.join(', ')})` : ''}</List.Item>)}
        </List>
      )}
      {r.criteria.length > 0 && (
        <Table aria-label={`Criteria checklist, line ${lineNo}`} withTableBorder>
          <Table.Thead>
            <Table.Tr><Table.Th>Result</Table.Th><Table.Th>Criterion</Table.Th><Table.Th>Citation</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.criteria.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td><Badge color={OUTCOME[c.outcome]?.color ?? 'gray'} variant="light">{OUTCOME[c.outcome]?.label ?? c.outcome}</Badge></Table.Td>
                <Table.Td><Text size="sm">{c.text}</Text>{c.decisive === true && <Text size="xs" c="dimmed">Needed and met</Text>}{c.error !== undefined && <Text size="xs" c="red">{c.error}</Text>}</Table.Td>
                <Table.Td><Text size="xs">{c.citation}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {answers.length > 0 && (
        <Table aria-label={`Answers, line ${lineNo}`}>
          <Table.Thead><Table.Tr><Table.Th>Question</Table.Th><Table.Th>Answer</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {answers.map(([k, v]) => <Table.Tr key={k}><Table.Td><Text size="sm">{texts.get(k) ?? k}</Text></Table.Td><Table.Td>{show(v)}</Table.Td></Table.Tr>)}
          </Table.Tbody>
        </Table>
      )}
      {r.answerProblems.length > 0 && <Alert color="yellow" title="Answers that could not be read">{r.answerProblems.map((p) => `${p.linkId}: ${p.message}`).join('; ')}</Alert>}
      {r.documents.length > 0 && <Text size="xs" c="dimmed">Documents expected: {r.documents.join('; ')}</Text>}
    </Stack>
  );
}

export function CriteriaChecklist({ c }: { c: CaseDetail }) {
  if (c.criteria.length === 0) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-label="Coverage and criteria">
      <Title order={2} size="h5" mb="xs">Coverage and criteria</Title>
      <Stack gap="md">
        {c.criteria.map((r) => {
          const line = c.lines.find((l) => l.id === r.lineId);
          return <LineChecklist key={r.lineId} r={r} lineNo={line?.lineNo ?? 0} code={line === undefined ? '' : `${line.codeSystem} ${line.code}`} />;
        })}
      </Stack>
    </Card>
  );
}

export function DuplicatesAlert({ items, lines }: { items: readonly CaseDuplicate[]; lines: CaseDetail['lines'] }) {
  if (items.length === 0) return null;
  return (
    <Alert color="orange" title="Possible duplicate request" role="status">
      <List size="sm" spacing={2}>
        {items.map((d) => {
          const line = lines.find((l) => l.id === d.lineId);
          return (
            <List.Item key={`${d.lineId}-${d.otherCaseId}`}>
              Line {line?.lineNo ?? '?'} {d.direction === 'duplicates' ? 'overlaps' : 'is overlapped by'} case{' '}
              <Anchor underline="always" component={Link} to={`/cases/${d.otherCaseId}`}>{d.otherCaseNumber}</Anchor> line {d.otherLineNo} ({d.otherOutcome === null ? d.otherStatus.replace(/_/g, ' ') : d.otherOutcome.replace(/_/g, ' ')}{d.otherAuthorizationNumber === null ? '' : `, ${d.otherAuthorizationNumber}`})
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

/**
 * Provider portal: "Is authorization required?" — by member, code(s), date of service, place of
 * service and servicing provider; the same answer intake and CRD give, with the rule that decided.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import type { RequirementAnswer, RequirementItem } from '../types';

export const REQUIREMENT_LABEL: Record<RequirementItem['requirement'], { label: string; color: string }> = {
  required: { label: 'Authorization required', color: 'orange' },
  notification_only: { label: 'Notification only', color: 'blue' },
  not_required: { label: 'No authorization required', color: 'teal' },
  unknown: { label: 'A person will check', color: 'gray' },
};

export function requirementsUrl(q: { member: string; codes: string; date: string; pos?: string; provider?: string }): string {
  const p = new URLSearchParams({ member: q.member.trim(), code: q.codes.trim(), date: q.date });
  if (q.pos !== undefined && q.pos.trim() !== '') p.set('pos', q.pos.trim());
  if (q.provider !== undefined && q.provider.trim() !== '') p.set('provider', q.provider.trim());
  return `/api/coverage/requirements?${p.toString()}`;
}

export function RequirementsTable({ answer }: { answer: RequirementAnswer }) {
  return (
    <Table aria-label="Authorization requirements" withTableBorder>
      <Table.Thead>
        <Table.Tr><Table.Th>Code</Table.Th><Table.Th>Answer</Table.Th><Table.Th>Why</Table.Th><Table.Th>Criteria and documents</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {answer.items.map((i) => {
          const r = REQUIREMENT_LABEL[i.requirement];
          return (
            <Table.Tr key={`${i.codeSystem}:${i.code}`}>
              <Table.Td>{i.codeSystem} {i.code}</Table.Td>
              <Table.Td><Badge variant="light" color={r.color}>{r.label}</Badge>{i.goldCard !== null && <Badge ml={4} color="yellow" variant="light">Gold card</Badge>}</Table.Td>
              <Table.Td>
                <Text size="sm">{i.message}</Text>
                {i.decidedBy.kind === 'rule' && <Text size="xs" c="dimmed">Rule {i.decidedBy.ruleId} v{i.decidedBy.version}{i.subjectTo422122 ? ' · 42 CFR 422.122' : ''}</Text>}
              </Table.Td>
              <Table.Td>
                {i.criteriaSet !== null && (
                  <Text size="sm">
                    {i.criteriaSet.version === null ? i.criteriaSet.id : <Anchor underline="always" component={Link} to={`/criteria/${encodeURIComponent(i.criteriaSet.id)}?version=${i.criteriaSet.version}`}>{i.criteriaSet.title} v{i.criteriaSet.version}</Anchor>}
                  </Text>
                )}
                {i.documents.length > 0 && <Text size="xs" c="dimmed">Send: {i.documents.join('; ')}</Text>}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function PortalRequirementsPage() {
  const [member, setMember] = useState('');
  const [codes, setCodes] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [pos, setPos] = useState('');
  const [provider, setProvider] = useState('');
  const lookup = useMutation({ mutationFn: () => api<RequirementAnswer>('GET', requirementsUrl({ member, codes, date, pos, provider })) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    lookup.mutate();
  };
  const a = lookup.data;
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1} size="h3">Is authorization required?</Title>
      <form onSubmit={submit} aria-label="Authorization requirement lookup">
        <Group align="end" wrap="wrap">
          <TextInput label="Member number" required value={member} onChange={(e) => setMember(e.currentTarget.value)} w={200} />
          <TextInput label="Codes" description="CPT, HCPCS or revenue codes, separated by commas" required value={codes} onChange={(e) => setCodes(e.currentTarget.value)} w={260} />
          <TextInput label="Date of service" type="date" required value={date} onChange={(e) => setDate(e.currentTarget.value)} w={170} />
          <TextInput label="Place of service" placeholder="e.g. 12" value={pos} onChange={(e) => setPos(e.currentTarget.value)} w={130} />
          <TextInput label="Servicing provider NPI" value={provider} onChange={(e) => setProvider(e.currentTarget.value)} w={190} />
          <Button type="submit" loading={lookup.isPending}>Check</Button>
        </Group>
      </form>
      {lookup.error !== null && <Alert color="red" role="alert">{lookup.error.message}</Alert>}
      {a !== undefined && (
        <Stack gap="xs" aria-live="polite">
          <Text size="sm"><b>{a.member.name}</b> ({a.member.memberNumber}) — {a.eligibility.message}{a.coverage !== null ? ` · ${a.coverage.lineOfBusiness.replace(/_/g, ' ')} ${a.coverage.productType}` : ''}{a.provider !== null ? ` · ${a.provider.name}, ${a.provider.networkStatus.replace('_', ' ')}` : ''}</Text>
          <RequirementsTable answer={a} />
          {a.items.some((i) => i.requirement === 'required') && <Text size="sm"><Anchor underline="always" component={Link} to="/portal/new">Submit a request</Anchor> — approvals whose criteria are met are given at once.</Text>}
        </Stack>
      )}
    </Stack>
  );
}

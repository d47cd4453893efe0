import { Alert, Badge, Card, Grid, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { DISPOSITION_COLOR, DISPOSITION_LABEL, OUTCOME_LABEL, STATUS_LABEL, formatInstant, label } from '../format';
import type { CaseDetail } from '../types';
import { DecisionForm } from '../components/DecisionForm';
import { CaseActionsPanel } from '../components/CaseActionsPanel';
import { AuditTrail } from '../components/AuditTrail';
import { NotesPanel } from '../components/NotesPanel';
import { ClockPanel } from '../components/ClockPanel';
import { AttachmentsPanel } from '../components/AttachmentsPanel';
import { LettersPanel } from '../components/LettersPanel';
import { CriteriaChecklist, DuplicatesAlert } from '../components/CriteriaChecklist';
import { MemberHistory } from '../components/MemberHistory';
import { CriteriaRequestPanel } from '../components/CriteriaRequestPanel';

function Field({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">{name}</Text>
      <Text size="sm" component="dd" m={0}>{children}</Text>
    </div>
  );
}

export function CasePage() {
  const { id = '' } = useParams();
  const { session } = useAuth();
  const tz = session?.tenant.timeZone ?? 'UTC';
  const { data: c, isLoading, error } = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>('GET', `/api/cases/${id}`) });
  if (isLoading) return <Loader role="status" aria-label="Loading the case" />;
  if (error !== null || c === undefined) return <Alert color="red" role="alert">{error?.message ?? 'Not found'}</Alert>;

  const provider = (p: CaseDetail['requestingProvider'], title: string) => (
    <Card withBorder padding="sm">
      <Title order={3} size="h6">{title}</Title>
      {p === null ? (
        <Text size="sm" c="dimmed">Not given</Text>
      ) : (
        <>
          <Text size="sm" fw={500}>{p.name}</Text>
          <Text size="xs">NPI {p.npi} · {p.specialty ?? p.kind}</Text>
          <Badge size="sm" variant="light" color={p.networkStatus === 'in_network' ? 'green' : 'orange'}>{p.networkStatus.replace('_', ' ')}</Badge>
        </>
      )}
    </Card>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="start">
        <div>
          <Title order={1} size="h2">Case {c.caseNumber}</Title>
          <Group gap="xs" mt={4}>
            <Badge color={DISPOSITION_COLOR[c.disposition] ?? 'gray'} size="lg" aria-label={`Disposition: ${label(DISPOSITION_LABEL, c.disposition)}`}>{label(DISPOSITION_LABEL, c.disposition)}</Badge>
            <Badge variant="outline">{label(STATUS_LABEL, c.status)}</Badge>
            {c.priority === 'expedited' && <Badge color="red.9">Expedited{c.expediteRequestedBy !== null ? ` (asked by ${c.expediteRequestedBy})` : ''}</Badge>}
            <Badge variant="light">{c.kind.replace(/_/g, ' ')}</Badge>
          </Group>
        </div>
        <SimpleGrid cols={2} spacing="xs" component="dl" m={0}>
          <Field name="Received">{formatInstant(c.receivedAt, tz)}</Field>
          <Field name="Channel">{c.channel}</Field>
          <Field name="Requester">{c.requesterType.replace(/_/g, ' ')}</Field>
          <Field name="Assigned to">{c.assignedTo?.displayName ?? 'Unassigned'}</Field>
        </SimpleGrid>
      </Group>

      {c.eligibility !== 'eligible' && <Alert color="yellow" title="Eligibility to confirm">{c.eligibilityNote}</Alert>}
      {c.pendMessage !== null && c.status === 'pended_info' && <Alert color="blue" title="Pended for information">{c.pendMessage}</Alert>}
      {c.closeReason !== null && <Alert color="gray" title="Closed">{c.closeReason}</Alert>}
      <DuplicatesAlert items={c.duplicates} lines={c.lines} />
      {c.outOfNetwork !== null && <Alert color="orange" title="Out-of-network provider">Justification: {c.outOfNetwork.reason.replace(/_/g, ' ')}{c.outOfNetwork.explanation === null ? '' : ` — ${c.outOfNetwork.explanation}`}</Alert>}

      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <Card withBorder padding="sm">
                <Title order={3} size="h6">Member</Title>
                {c.member !== null && (
                  <>
                    <Text size="sm" fw={500}>{c.member.lastName}, {c.member.firstName}</Text>
                    <Text size="xs">{c.member.memberNumber} · born {c.member.birthDate} · {c.member.sex}</Text>
                  </>
                )}
                {c.coverage !== null ? (
                  <Text size="xs" mt={4}>
                    {c.coverage.planName} · {c.coverage.lineOfBusiness.replace(/_/g, ' ')} {c.coverage.productType}
                    <br />
                    IPA {c.coverage.ipaName ?? '—'} · PBP {c.coverage.pbp ?? '—'}
                    <br />
                    Covered {c.coverage.effectiveFrom} – {c.coverage.effectiveTo ?? 'ongoing'}
                  </Text>
                ) : (
                  <Text size="xs" c="orange.9">No coverage on the date of service</Text>
                )}
              </Card>
              {provider(c.requestingProvider, 'Requesting provider')}
              {provider(c.servicingProvider, 'Servicing provider')}
              {provider(c.facility, 'Facility')}
            </SimpleGrid>

            <Card withBorder padding="sm">
              <Title order={2} size="h5" mb="xs">Diagnoses</Title>
              <Group gap="xs">{c.diagnoses.length === 0 ? <Text size="sm" c="dimmed">None given</Text> : c.diagnoses.map((d) => <Badge key={d.seq} variant="default">{d.code} <Text span size="xs" c="dimmed">{d.system}</Text></Badge>)}</Group>
            </Card>

            <Card withBorder padding="sm">
              <Title order={2} size="h5" mb="xs">Service lines</Title>
              <Table aria-label="Service lines" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>Code</Table.Th>
                    <Table.Th>Units</Table.Th>
                    <Table.Th>Dates</Table.Th>
                    <Table.Th>POS</Table.Th>
                    <Table.Th>Group / risk</Table.Th>
                    <Table.Th>Outcome</Table.Th>
                    <Table.Th>Authorization</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.lines.map((l) => (
                    <Table.Tr key={l.id}>
                      <Table.Td>{l.lineNo}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>{l.codeSystem} {l.code}{l.modifiers.length > 0 ? `-${l.modifiers.join('-')}` : ''}</Text>
                        {l.description !== null && <Text size="xs" c="dimmed">{l.description}</Text>}
                      </Table.Td>
                      <Table.Td>{l.units} {l.unitType}</Table.Td>
                      <Table.Td>{l.fromDate ?? '—'} – {l.toDate ?? '—'}</Table.Td>
                      <Table.Td>{l.placeOfService ?? '—'}</Table.Td>
                      <Table.Td>{l.serviceGroup.replace(/_/g, ' ')} / {l.responsibility}</Table.Td>
                      <Table.Td>{l.outcome === null ? <Badge variant="outline" color="gray">Pending</Badge> : label(OUTCOME_LABEL, l.outcome)}</Table.Td>
                      <Table.Td>
                        {l.authorizationNumber ?? '—'}
                        {l.approvedFrom !== null && <Text size="xs">{l.approvedUnits} units · {l.approvedFrom} – {l.approvedTo}</Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>

            {c.determinations.length > 0 && (
              <Card withBorder padding="sm">
                <Title order={2} size="h5" mb="xs">Determinations</Title>
                <Stack gap="xs">
                  {c.determinations.map((d) => {
                    const line = c.lines.find((l) => l.id === d.lineId);
                    return (
                      <div key={d.id}>
                        <Text size="sm">
                          <b>Line {line?.lineNo}</b>: {label(OUTCOME_LABEL, d.outcome)} — {d.decidedBy.name} ({d.decidedBy.role.replace('_', ' ')}{d.decidedBy.credential !== null ? `, ${d.decidedBy.credential}` : ''}), {formatInstant(d.decidedAt, tz)}
                        </Text>
                        {d.reason !== null && <Text size="sm">Reason ({d.category?.replace(/_/g, ' ')}, {d.reasonCode}): {d.reason}</Text>}
                        <Text size="xs" c="dimmed">
                          Rests on: {d.basis.kind.replace(/_/g, ' ')}
                          {d.basis.criteriaSetId !== null ? ` ${d.basis.criteriaSetId} v${d.basis.criteriaSetVersion ?? ''}${d.basis.criterionId !== null ? ` § ${d.basis.criterionId}` : ''}` : ''}
                          {d.basis.coverageRule !== null ? ` — ${d.basis.coverageRule}${d.basis.coverageRuleReference !== null ? ` (${d.basis.coverageRuleReference})` : ''}` : ''}
                        </Text>
                      </div>
                    );
                  })}
                </Stack>
              </Card>
            )}

            <CriteriaChecklist c={c} />
            {c.member !== null && <MemberHistory c={c} timeZone={tz} />}
            <NotesPanel c={c} />
            <AttachmentsPanel c={c} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ClockPanel caseId={c.id} />
            {c.actions.outcomes.length > 0 && <DecisionForm c={c} />}
            <CaseActionsPanel c={c} />
            <LettersPanel caseId={c.id} decided={c.determinations.some((d) => d.outcome !== 'forwarded')} />
            {c.determinations.length > 0 && <CriteriaRequestPanel c={c} />}
          </Stack>
        </Grid.Col>
      </Grid>
      {c.actions.viewAudit && <AuditTrail caseId={c.id} timeZone={tz} />}
    </Stack>
  );
}

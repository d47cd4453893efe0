/**
 * The member's eligibility on the date of service, from GET /api/members/{id} (their coverage
 * spans): plan, product, line of business, coverage dates, IPA and PCP — or that no coverage is in
 * force on that date (the request can still be sent; intake staff confirm eligibility).
 */
import { Alert, Badge, Card, Group, Loader, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export interface MemberCoverage {
  readonly id: string;
  readonly planName: string | null;
  readonly ipaName: string | null;
  readonly pbp: string | null;
  readonly lineOfBusiness: string;
  readonly productType: string;
  readonly pcp: { readonly id: string; readonly npi: string; readonly name: string } | null;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

export interface MemberDetail {
  readonly id: string;
  readonly memberNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly coverages: readonly MemberCoverage[];
}

const LOB: Record<string, string> = { medicare_advantage: 'Medicare Advantage', medicaid: 'Medicaid', chip: 'CHIP', commercial: 'Commercial', qhp: 'Marketplace (QHP)' };

/** The span in force on a date, as intake chooses it: started on or before, not ended before, the latest start first. */
export function coverageOn(spans: readonly MemberCoverage[], date: string): MemberCoverage | null {
  return [...spans].filter((c) => c.effectiveFrom <= date && (c.effectiveTo === null || c.effectiveTo >= date)).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
}

function Item({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">{name}</Text>
      <Text size="sm" component="dd" m={0}>{children}</Text>
    </div>
  );
}

export function EligibilityCard({ memberId, date }: { memberId: string; date: string }) {
  const q = useQuery({ queryKey: ['member', memberId], queryFn: () => api<MemberDetail>('GET', `/api/members/${memberId}`), staleTime: 60_000 });
  if (q.isLoading) return <Loader size="sm" role="status" aria-label="Loading eligibility" />;
  if (q.error !== null || q.data === undefined) return <Alert color="red" role="alert">Eligibility could not be read: {q.error?.message}</Alert>;
  const cov = coverageOn(q.data.coverages, date);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="eligibility-title" mt="sm">
      <Group gap="xs" mb="xs">
        <Title order={2} size="h6" id="eligibility-title">Eligibility on {date}</Title>
        {cov === null ? <Badge variant="light" color="red">Not covered on that date</Badge> : <Badge variant="light" color="green">Covered</Badge>}
      </Group>
      {cov === null ? (
        <Text size="sm">
          No coverage is in force on {date}. You can still send the request; the plan's intake staff confirm eligibility before anyone decides it.
          {q.data.coverages.length > 0 && ` Coverage on file: ${q.data.coverages.map((c) => `${c.planName ?? 'plan'} ${c.effectiveFrom} – ${c.effectiveTo ?? 'open'}`).join('; ')}.`}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" component="dl" m={0} aria-label="Coverage on the date of service">
          <Item name="Plan">{cov.planName ?? '—'}</Item>
          <Item name="Product">{cov.productType}{cov.pbp === null ? '' : ` · ${cov.pbp}`}</Item>
          <Item name="Line of business">{LOB[cov.lineOfBusiness] ?? cov.lineOfBusiness}</Item>
          <Item name="Coverage dates">{cov.effectiveFrom} – {cov.effectiveTo ?? 'open-ended'}</Item>
          <Item name="IPA">{cov.ipaName ?? 'none'}</Item>
          <Item name="PCP">{cov.pcp === null ? 'none on file' : `${cov.pcp.name} (NPI ${cov.pcp.npi})`}</Item>
        </SimpleGrid>
      )}
    </Card>
  );
}

/** Timeliness: decided on time / late per line of business and month, as the rule measures it. */
import { BarChart } from '@mantine/charts';
import { Alert, Card, Loader, Progress, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { TimelinessRow } from '../types';

const words = (s: string | null) => (s ?? 'no coverage').replace(/_/g, ' ');

/** Per month, every line of business together: the bars the chart draws (the table below has the detail). */
export function byMonth(items: readonly TimelinessRow[]): { month: string; 'On time': number; Late: number; 'Awaiting notice': number }[] {
  const months = new Map<string, { month: string; 'On time': number; Late: number; 'Awaiting notice': number }>();
  for (const r of items) {
    const m = months.get(r.month) ?? { month: r.month, 'On time': 0, Late: 0, 'Awaiting notice': 0 };
    m['On time'] += r.onTime;
    m.Late += r.late;
    m['Awaiting notice'] += r.awaitingNotice;
    months.set(r.month, m);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export function TimelinessPage() {
  const { data, isLoading, error } = useQuery({ queryKey: ['timeliness'], queryFn: () => api<{ timeZone: string; items: TimelinessRow[] }>('GET', '/api/clocks/timeliness') });
  return (
    <>
      <Title order={1} size="h3" mb="xs">Timeliness</Title>
      <Text size="sm" c="dimmed" mb="md">
        Decided cases by month of decision{data !== undefined ? ` (${data.timeZone})` : ''}. On time is judged on what the rule measures: the notice reaching the enrollee
        (Medicare Advantage, Medicaid, ERISA…) or the decision (California).
      </Text>
      {error !== null && <Alert color="red" role="alert">{error.message}</Alert>}
      {data !== undefined && data.items.length > 0 && (
        <Card withBorder padding="sm" mb="md" component="figure" m={0} aria-label="Decided cases per month: on time, late and awaiting notice">
          <BarChart
            h={220}
            data={byMonth(data.items)}
            dataKey="month"
            type="stacked"
            withLegend
            series={[
              { name: 'On time', color: 'green.9' },
              { name: 'Late', color: 'red.9' },
              { name: 'Awaiting notice', color: 'gray.6' },
            ]}
          />
          <Text component="figcaption" size="xs" c="dimmed">Every line of business together; the table below has each one.</Text>
        </Card>
      )}
      {isLoading ? (
        <Loader role="status" aria-label="Loading timeliness" />
      ) : (
        <Table striped aria-label="Timeliness by line of business and month">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              <Table.Th>Line of business</Table.Th>
              <Table.Th>On time</Table.Th>
              <Table.Th>Late</Table.Th>
              <Table.Th>Awaiting notice</Table.Th>
              <Table.Th>On time, of those judged</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((r) => {
              const judged = r.onTime + r.late;
              const pct = judged === 0 ? null : Math.round((r.onTime / judged) * 1000) / 10;
              return (
                <Table.Tr key={`${r.month}-${r.lineOfBusiness ?? ''}`}>
                  <Table.Td>{r.month}</Table.Td>
                  <Table.Td>{words(r.lineOfBusiness)}</Table.Td>
                  <Table.Td>{r.onTime}</Table.Td>
                  <Table.Td><Text span size="sm" c={r.late > 0 ? 'red.9' : undefined} fw={r.late > 0 ? 700 : undefined}>{r.late}</Text></Table.Td>
                  <Table.Td>{r.awaitingNotice}</Table.Td>
                  <Table.Td w={220}>
                    {pct === null ? '—' : (
                      <>
                        <Text size="xs">{pct} %</Text>
                        <Progress value={pct} color={pct >= 95 ? 'green' : pct >= 85 ? 'orange' : 'red'} aria-label={`${pct} % on time`} />
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {data !== undefined && data.items.length === 0 && <Text c="dimmed" mt="md">No decided case yet.</Text>}
    </>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api';
import { LINES_OF_BUSINESS, SERVICE_GROUPS, words } from './shared';

interface Row {
  serviceCategory: string;
  lineOfBusiness: string;
  credential: string;
}

/** Which credentials beyond physicians may issue adverse decisions (42 CFR 422.566(d)). Nurses never. */
export function MatrixAdmin() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['admin', 'matrix'], queryFn: () => api<{ items: Row[] }>('GET', '/api/admin/reviewer-matrix') });
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (q.data !== undefined) setRows(q.data.items);
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => api('PUT', '/api/admin/reviewer-matrix', { items: rows }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['admin', 'matrix'] }),
  });
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack>
      <Text size="sm">Physicians (MD, DO) may always issue adverse determinations. Add other licensed professionals per service category and line of business, e.g. pharmacists (PharmD) for Part B drugs. Nursing credentials are refused.</Text>
      <Table aria-label="Reviewer matrix">
        <Table.Thead><Table.Tr><Table.Th>Service category</Table.Th><Table.Th>Line of business</Table.Th><Table.Th>Credential</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td><Select aria-label="Service category" data={['*', ...SERVICE_GROUPS].map((g) => ({ value: g, label: g === '*' ? 'all' : words(g) }))} value={r.serviceCategory} onChange={(v) => set(i, { serviceCategory: v ?? '*' })} allowDeselect={false} /></Table.Td>
              <Table.Td><Select aria-label="Line of business" data={['*', ...LINES_OF_BUSINESS].map((g) => ({ value: g, label: g === '*' ? 'all' : words(g) }))} value={r.lineOfBusiness} onChange={(v) => set(i, { lineOfBusiness: v ?? '*' })} allowDeselect={false} /></Table.Td>
              <Table.Td><TextInput aria-label="Credential" value={r.credential} onChange={(e) => set(i, { credential: e.currentTarget.value })} /></Table.Td>
              <Table.Td><Button size="xs" variant="subtle" color="red" onClick={() => setRows(rows.filter((_, j) => j !== i))}>Remove</Button></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {save.error !== null && <Alert color="red" role="alert">{save.error instanceof ApiError ? save.error.message : 'Not saved'}</Alert>}
      <Group justify="space-between">
        <Button variant="default" onClick={() => setRows([...rows, { serviceCategory: 'part_b_drug', lineOfBusiness: 'medicare_advantage', credential: 'PharmD' }])}>Add a row</Button>
        <Button loading={save.isPending} onClick={() => save.mutate()}>Save the matrix</Button>
      </Group>
    </Stack>
  );
}

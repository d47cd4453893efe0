/**
 * Administration → Enrollment (834): upload an X12 834 enrollment file (005010X220A1) to
 * `POST /api/admin/enrollment/834` with the options the route takes (plan, IPA, line of business,
 * product type, full-file terminations and their date), and show its report: the totals, what was
 * not applied and why, and each member's problem with its segment positions.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, FileInput, Group, List, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ApiError, loadSession, type Problem } from '../../api';
import { LINES_OF_BUSINESS, PRODUCT_TYPES } from '../../../../src/tenancy/model';
import { useOrganisations, words } from './shared';

/** The report `POST /api/admin/enrollment/834` answers. */
export interface EnrollmentUploadReport {
  readonly members: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly termed: number;
  readonly reinstated: number;
  readonly termedMissing: number;
  readonly errors: readonly { readonly position: { readonly first: number; readonly inSet: number }; readonly member: string; readonly message: string }[];
  readonly moreErrors: number;
  readonly rejected: readonly string[];
  readonly acks: readonly { readonly group: string; readonly code: string; readonly sets: readonly { readonly set: string; readonly code: string }[] }[];
}

interface Options {
  plan: string | null;
  ipa: string | null;
  lineOfBusiness: string | null;
  productType: string | null;
  termMissing: boolean;
  termDate: string;
}

const ACK_MEANING: Readonly<Record<string, string>> = { A: 'accepted', E: 'accepted, errors noted', P: 'partially accepted', R: 'rejected' };
const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null && 'code' in v && 'status' in v;

/** Sends the file itself as the request body (the server streams it; it is never read whole here). */
async function upload(file: File, o: Options): Promise<EnrollmentUploadReport> {
  const q = new URLSearchParams();
  if (o.plan !== null) q.set('plan', o.plan);
  if (o.ipa !== null) q.set('ipa', o.ipa);
  if (o.lineOfBusiness !== null) q.set('lineOfBusiness', o.lineOfBusiness);
  if (o.productType !== null) q.set('productType', o.productType);
  if (o.termMissing) q.set('termMissing', 'true');
  if (o.termMissing && o.termDate !== '') q.set('termDate', o.termDate);
  const session = loadSession();
  const res = await fetch(`/api/admin/enrollment/834${q.size === 0 ? '' : `?${q.toString()}`}`, {
    method: 'POST',
    headers: { 'content-type': 'application/edi-x12', ...(session === null ? {} : { authorization: `Bearer ${session.token}` }) },
    body: file,
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(isProblem(data) ? data : { code: 'UM_ERR_INTERNAL', title: res.statusText, detail: `HTTP ${res.status}`, status: res.status });
  return data as EnrollmentUploadReport;
}

export function EnrollmentUpload() {
  const orgs = useOrganisations();
  const [file, setFile] = useState<File | null>(null);
  const [o, setO] = useState<Options>({ plan: null, ipa: null, lineOfBusiness: null, productType: null, termMissing: false, termDate: '' });
  const send = useMutation({ mutationFn: (f: File) => upload(f, o) });
  const plans = (orgs.data?.items ?? []).filter((x) => x.kind === 'health_plan');
  const ipas = (orgs.data?.items ?? []).filter((x) => x.kind === 'ipa');
  const r = send.data;
  return (
    <Stack maw={1100}>
      <Text size="sm">
        Members and their coverage spans from a health plan&apos;s 834 enrollment file: additions, changes, terminations and reinstatements. Uploading the same file again changes nothing. A member with a problem is not applied; the others are.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={760}>
        <FileInput label="834 file" placeholder="Choose an X12 834 file" required clearable clearButtonProps={{ 'aria-label': 'Clear the file' }} value={file} onChange={setFile} />
        <Select label="Health plan" clearButtonProps={{ 'aria-label': 'Clear health plan' }} description="Default: the payer the file names (N1*IN)" clearable data={plans.map((p) => ({ value: p.name, label: p.name }))} value={o.plan} onChange={(v) => setO({ ...o, plan: v })} />
        <Select label="IPA" clearButtonProps={{ 'aria-label': 'Clear IPA' }} description="The delegate whose contract the spans belong to" clearable data={ipas.map((p) => ({ value: p.name, label: p.name }))} value={o.ipa} onChange={(v) => setO({ ...o, ipa: v })} />
        <Select label="Line of business" clearButtonProps={{ 'aria-label': 'Clear line of business' }} description="Default: the only one of the plan's contracts" clearable data={LINES_OF_BUSINESS.map((l) => ({ value: l, label: words(l) }))} value={o.lineOfBusiness} onChange={(v) => setO({ ...o, lineOfBusiness: v })} />
        <Select label="Product type" clearButtonProps={{ 'aria-label': 'Clear product type' }} description="Default: what HD03 names (HMO, PPO, POS, EPO)" clearable data={[...PRODUCT_TYPES]} value={o.productType} onChange={(v) => setO({ ...o, productType: v })} />
        <Stack gap="xs">
          <Checkbox label="Full file: terminate the plan's members it does not list" checked={o.termMissing} onChange={(e) => setO({ ...o, termMissing: e.currentTarget.checked })} />
          {o.termMissing && <TextInput type="date" label="Last day of coverage of those members" description="Default: the day before the file's effective date" value={o.termDate} onChange={(e) => setO({ ...o, termDate: e.currentTarget.value })} />}
        </Stack>
      </SimpleGrid>
      <Group>
        <Button disabled={file === null} loading={send.isPending} onClick={() => file !== null && send.mutate(file)}>Upload</Button>
      </Group>
      {send.error !== null && (
        <Alert color="red" role="alert" title="Not imported">
          {send.error instanceof ApiError ? send.error.message : 'The upload failed'}
          {send.error instanceof ApiError && (send.error.problem.errors ?? []).length > 0 && (
            <List size="sm">{(send.error.problem.errors ?? []).map((e) => <List.Item key={`${e.path ?? ''}${e.message}`}>{e.path === undefined ? '' : `${e.path}: `}{e.message}</List.Item>)}</List>
          )}
        </Alert>
      )}
      {r !== undefined && <Report r={r} />}
    </Stack>
  );
}

function Report({ r }: { readonly r: EnrollmentUploadReport }) {
  const totals: readonly [string, number][] = [
    ['Members read', r.members],
    ['Added', r.added],
    ['Updated', r.updated],
    ['Unchanged', r.unchanged],
    ['Coverage spans terminated', r.termed],
    ['Reinstated', r.reinstated],
    ['Terminated as missing from a full file', r.termedMissing],
    ['Members with problems', r.errors.length + r.moreErrors],
  ];
  return (
    <Stack gap="sm" aria-live="polite">
      <Title order={2} size="h4">Import report</Title>
      <Table withTableBorder maw={520} aria-label="Import totals">
        <Table.Tbody>
          {totals.map(([k, v]) => (
            <Table.Tr key={k}><Table.Th scope="row">{k}</Table.Th><Table.Td>{v}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {r.acks.length > 0 && (
        <Text size="sm">
          {r.acks.map((a) => `Functional group ${a.group}: ${ACK_MEANING[a.code] ?? a.code} (${a.sets.map((s) => `set ${s.set} ${ACK_MEANING[s.code] ?? s.code}`).join(', ')})`).join('; ')}
        </Text>
      )}
      {r.rejected.length > 0 && (
        <Alert color="orange" title="Not applied">
          <List size="sm">{r.rejected.map((x) => <List.Item key={x}>{x}</List.Item>)}</List>
        </Alert>
      )}
      {r.errors.length === 0 ? (
        <Text size="sm">No member had a problem.</Text>
      ) : (
        <Table striped withTableBorder aria-label="Members with problems">
          <Table.Thead>
            <Table.Tr><Table.Th>Segment</Table.Th><Table.Th>Position in its set</Table.Th><Table.Th>Member</Table.Th><Table.Th>Problem (not applied)</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.errors.map((e) => (
              <Table.Tr key={`${e.position.first}-${e.message}`}>
                <Table.Td>{e.position.first}</Table.Td>
                <Table.Td>{e.position.inSet}</Table.Td>
                <Table.Td>{e.member}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {r.moreErrors > 0 && <Text size="sm">… and {r.moreErrors} more members with problems (the command line `openum import 834` lists them all).</Text>}
    </Stack>
  );
}

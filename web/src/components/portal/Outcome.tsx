/**
 * The answer to a submission, from the case as created: an approval comes back at once with its
 * authorization numbers; otherwise the status, the time frame and when the decision is due (the
 * case's decision clock), and the documents sent with it.
 */
import { Alert, Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth } from '../../auth';
import { STATUS_LABEL, formatInstant, label } from '../../format';
import type { CaseView } from '../../types';
import type { UploadResult } from './SubmissionFiles';

export function Outcome({ c, uploads, onNew }: { c: CaseView; uploads: readonly UploadResult[]; onNew: () => void }) {
  const { session } = useAuth();
  const tz = session?.tenant.timeZone ?? 'UTC';
  const approved = c.lines.filter((l) => l.authorizationNumber !== null);
  const status = c.disposition;
  const open = c.closedAt === null;
  return (
    <Stack gap="md" maw={800}>
      <Title order={1} size="h3">Request {c.caseNumber}</Title>
      <section aria-label="Result">
        {status === 'approved' && (
          <Alert color="green" title="Approved" role="status">
            <Stack gap={4}>
              {approved.map((l) => (
                <Text key={l.id} size="sm">
                  Line {l.lineNo} ({l.codeSystem} {l.code}): authorization number <b aria-label={`Authorization number line ${l.lineNo}`}>{l.authorizationNumber}</b>, valid {l.approvedFrom} – {l.approvedTo}
                </Text>
              ))}
              <Text size="xs">The approval cites what it rests on: the criteria met on your answers, or the provider's gold-card exemption.</Text>
            </Stack>
          </Alert>
        )}
        {status === 'no_auth_required' && <Alert color="teal" title="No authorization required" role="status">{c.closeReason}</Alert>}
        {status === 'forwarded_to_plan' && <Alert color="blue" title="Forwarded to the health plan" role="status">The plan decides this request; it has been sent to them.</Alert>}
        {status !== 'approved' && status !== 'no_auth_required' && status !== 'forwarded_to_plan' && (
          <Alert color="blue" title="Sent for review" role="status">
            <Stack gap={4}>
              <Text size="sm">
                A reviewer will decide{approved.length > 0 ? ` the other lines (${approved.map((l) => `line ${l.lineNo}: ${l.authorizationNumber ?? ''}`).join(', ')} approved)` : ''}. You will see the decision here.
              </Text>
              <List size="sm" spacing={2}>
                <List.Item>Status: {label(STATUS_LABEL, c.status)}</List.Item>
                <List.Item>Time frame: {c.priority === 'expedited' ? `Expedited${c.expeditePhysicianSupported ? ' (physician-supported)' : ''}` : 'Standard'}</List.Item>
                {open && c.dueAt !== null && <List.Item>Decision due by <b>{formatInstant(c.dueAt, tz)}</b></List.Item>}
              </List>
            </Stack>
          </Alert>
        )}
      </section>
      {uploads.length > 0 && (
        <section aria-label="Documents sent">
          <Text size="sm" fw={600}>Documents</Text>
          {uploads.map((u) => (
            <Text key={u.fileName} size="sm" c={u.error === null ? undefined : 'red.9'} role={u.error === null ? undefined : 'alert'}>
              {u.fileName}: {u.error === null ? 'attached' : `not attached — ${u.error}. Attach it on the request.`}
            </Text>
          ))}
        </section>
      )}
      <Group>
        <Anchor underline="always" component={Link} to={`/cases/${c.id}`}>Open the request</Anchor>
        <Button variant="subtle" onClick={onNew}>Start another request</Button>
      </Group>
    </Stack>
  );
}

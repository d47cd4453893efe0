import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { useAuth } from '../auth';
import { formatInstant } from '../format';
import type { CaseDetail } from '../types';

export function NotesPanel({ c }: { c: CaseDetail }) {
  const qc = useQueryClient();
  const { session } = useAuth();
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const isProvider = session?.user.role === 'provider';
  const add = useMutation({
    mutationFn: () => api('POST', `/api/cases/${c.id}/notes`, { body, ...(isProvider ? {} : { visibility: shared ? 'provider' : 'internal' }) }),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: ['case', c.id] });
    },
  });
  const tz = session?.tenant.timeZone ?? 'UTC';
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="notes-title">
      <Title order={2} size="h5" id="notes-title" mb="xs">Notes</Title>
      <Stack gap="xs">
        {c.notes.length === 0 && <Text size="sm" c="dimmed">No notes yet.</Text>}
        {c.notes.map((n) => (
          <div key={n.id}>
            <Group gap="xs">
              <Text size="xs" fw={600}>{n.author.name}</Text>
              <Text size="xs" c="dimmed">{formatInstant(n.createdAt, tz)}</Text>
              <Badge size="xs" variant="light">{n.kind.replace(/_/g, ' ')}</Badge>
              {n.visibility === 'provider' && !isProvider && <Badge size="xs" color="blue" variant="outline">visible to provider</Badge>}
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
          </div>
        ))}
        {c.actions.addNote && (
          <>
            <Textarea label="Add a note" value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} />
            <Group justify="space-between">
              {!isProvider ? <Switch label="Visible to the provider" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} /> : <span />}
              <Button size="xs" disabled={body.trim() === ''} loading={add.isPending} onClick={() => add.mutate()}>Add note</Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

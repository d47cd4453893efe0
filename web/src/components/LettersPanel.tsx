import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, loadSession } from '../api';

interface LetterItem {
  readonly kind: string;
  readonly title: string;
  readonly date: string;
  readonly href: string;
}

/** Opens an authenticated PDF in a new tab (the API needs the bearer token). */
export async function openAuthenticated(href: string): Promise<void> {
  const res = await fetch(href, { headers: { authorization: `Bearer ${loadSession()?.token ?? ''}` } });
  const blob = await res.blob();
  window.open(URL.createObjectURL(blob), '_blank', 'noopener');
}

export function LettersPanel({ caseId, decided }: { caseId: string; decided: boolean }) {
  const q = useQuery({ queryKey: ['letters', caseId, decided], queryFn: () => api<{ items: LetterItem[] }>('GET', `/api/cases/${caseId}/letters`), enabled: decided });
  if (!decided || (q.data?.items.length ?? 0) === 0) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="letters-title">
      <Title order={2} size="h5" id="letters-title" mb="xs">Decision letters</Title>
      <Stack gap={4}>
        {(q.data?.items ?? []).map((l) => (
          <Anchor key={l.kind} href={l.href} onClick={(e) => { e.preventDefault(); void openAuthenticated(l.href); }}>
            {l.title} <Text span size="xs" c="dimmed">({l.date}, PDF)</Text>
          </Anchor>
        ))}
      </Stack>
    </Card>
  );
}

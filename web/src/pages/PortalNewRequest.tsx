/**
 * Provider portal: a new prior-authorization request. Find the member and see their eligibility on
 * the date of service, pick codes by code or words, see at once whether each needs authorization,
 * answer the criteria set's questions (its FHIR Questionnaire), choose standard or expedited (with
 * the physician's attestation), attach documents, and submit: an approval whose criteria are met
 * comes back immediately with its authorization number; anything else goes to a reviewer, and the
 * answer gives its status and due time. The form is kept as a draft per user until submitted; the
 * submission's Idempotency-Key (kept with the draft) means a retry never makes a second request.
 */
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { formatInstant } from '../format';
import { Outcome } from '../components/portal/Outcome';
import type { CaseView, CriteriaSet, RequirementAnswer } from '../types';
import { QuestionnaireForm, toResponse, type Answers, type AnswerValue } from '../components/QuestionnaireForm';
import { REQUIREMENT_LABEL, requirementsUrl } from './PortalRequirements';
import { SubmissionFiles, uploadAll, type UploadResult } from '../components/portal/SubmissionFiles';
import { CodeSearchInput } from '../components/portal/CodeSearch';
import { EligibilityCard } from '../components/portal/EligibilityCard';
import { ExpediteChoice, expediteFields, expediteProblems, type ExpediteState } from '../components/portal/ExpediteChoice';
import { clearDraft, draftKey, emptyDraft, hasContent, loadDraft, saveDraft, today, type Draft, type DraftLine, type MemberHit } from '../components/portal/draft';

type Line = DraftLine;

const systemOf = (code: string): string => (/^[A-Va-v]\d{4}$/.test(code.trim()) ? 'HCPCS' : /^\d{3,4}$/.test(code.trim()) ? 'REV' : 'CPT');

export function PortalNewRequestPage() {
  const { session } = useAuth();
  const storageKey = draftKey(session?.tenant.id ?? '', session?.user.id ?? '');
  // A draft this user left in this browser is restored once, when the screen opens.
  const [restored] = useState(() => loadDraft(localStorage, storageKey, new Date()));
  const [start, setStart] = useState<Draft>(() => restored?.draft ?? emptyDraft());
  return <NewRequestForm key={start.idempotencyKey} start={start} storageKey={storageKey} restoredAt={restored?.draft === start ? restored.savedAt : null} onDiscard={() => { clearDraft(localStorage, storageKey); setStart(emptyDraft()); }} />;
}

function NewRequestForm({ start, storageKey, restoredAt, onDiscard }: { start: Draft; storageKey: string; restoredAt: string | null; onDiscard: () => void }) {
  const { session } = useAuth();
  const [memberNumber, setMemberNumber] = useState(start.memberNumber);
  const [member, setMember] = useState<MemberHit | null>(start.member);
  const [npi, setNpi] = useState(start.npi);
  const [servicingNpi, setServicingNpi] = useState(start.servicingNpi);
  const [diagnoses, setDiagnoses] = useState(start.diagnoses);
  const [expedite, setExpedite] = useState<ExpediteState>(start.expedite);
  const [lines, setLines] = useState<Line[]>([...start.lines]);
  const [answers, setAnswers] = useState<Record<number, Answers>>({ ...start.answers });
  const [checked, setChecked] = useState(start.checked);
  const [files, setFiles] = useState<File[]>([]);
  const idempotencyKey = start.idempotencyKey;
  const [submitted, setSubmitted] = useState(false);

  // Every change is kept as the draft; a form with nothing typed keeps none.
  useEffect(() => {
    if (submitted) return;
    const d: Draft = { idempotencyKey, memberNumber, member, npi, servicingNpi, diagnoses, expedite, lines, answers, checked };
    if (hasContent(d)) saveDraft(localStorage, storageKey, d, new Date());
    else clearDraft(localStorage, storageKey);
  }, [submitted, storageKey, idempotencyKey, memberNumber, member, npi, servicingNpi, diagnoses, expedite, lines, answers, checked]);

  const find = useMutation({
    mutationFn: () => api<{ items: MemberHit[] }>('GET', `/api/members?q=${encodeURIComponent(memberNumber.trim())}`),
    onSuccess: (d) => setMember(d.items[0] ?? null),
  });
  const filled = lines.filter((l) => l.code.trim() !== '');
  // The date of service eligibility is judged on, as at intake: the earliest line's start, else today.
  const serviceDate = lines.map((l) => l.fromDate).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort()[0] ?? today();
  const requirements = useQueries({
    queries: filled.map((l) => ({
      queryKey: ['requirements', member?.memberNumber, l.code, l.fromDate, l.pos, servicingNpi || npi],
      enabled: checked && member !== null,
      queryFn: () => api<RequirementAnswer>('GET', requirementsUrl({ member: member?.memberNumber ?? '', codes: l.code, date: l.fromDate, pos: l.pos, provider: servicingNpi || npi })),
    })),
  });
  const setOf = (i: number) => requirements[i]?.data?.items[0]?.criteriaSet ?? null;
  const sets = useQueries({
    queries: filled.map((_, i) => {
      const s = setOf(i);
      return {
        queryKey: ['criteria-set', s?.id, s?.version],
        enabled: s !== null && s.version !== null,
        staleTime: Infinity,
        queryFn: () => api<{ document: CriteriaSet }>('GET', `/api/criteria/${encodeURIComponent(s?.id ?? '')}?version=${encodeURIComponent(s?.version ?? '')}`),
      };
    }),
  });

  const submit = useMutation({
    mutationFn: async (): Promise<{ c: CaseView; uploads: UploadResult[] }> => {
      const c = await api<CaseView>('POST', '/api/cases', {
        kind: 'prior_auth',
        ...expediteFields(expedite),
        requesterType: 'contracted_provider',
        member: { memberNumber: member?.memberNumber ?? memberNumber.trim() },
        ...(npi.trim() === '' ? {} : { requestingProvider: { npi: npi.trim() } }),
        ...(servicingNpi.trim() === '' && npi.trim() === '' ? {} : { servicingProvider: { npi: (servicingNpi.trim() || npi).trim() } }),
        diagnoses: diagnoses.split(/[\s,]+/).filter((d) => d !== '').map((code) => ({ code })),
        lines: filled.map((l, i) => {
          const doc = sets[i]?.data?.document;
          return {
            codeSystem: systemOf(l.code),
            code: l.code.trim().toUpperCase(),
            units: l.units,
            fromDate: l.fromDate,
            ...(l.toDate === '' ? {} : { toDate: l.toDate }),
            ...(l.pos.trim() === '' ? {} : { placeOfService: l.pos.trim() }),
            ...(doc === undefined ? {} : { answers: toResponse(doc.questionnaire, answers[l.key] ?? {}) }),
          };
        }),
      }, { 'idempotency-key': idempotencyKey });
      // The request exists: the draft is done with (a retry of the documents below keeps the key).
      setSubmitted(true);
      clearDraft(localStorage, storageKey);
      if (files.length === 0) return { c, uploads: [] };
      // The documents go to the new case under the same key: a retry neither makes a second request nor a second attachment.
      const uploads = await uploadAll(c.id, idempotencyKey, files);
      return { c: await api<CaseView>('GET', `/api/cases/${c.id}`), uploads };
    },
  });

  const update = (key: number, patch: Partial<Line>) => {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setChecked(false);
  };
  const answer = (key: number) => (linkId: string, v: AnswerValue | readonly AnswerValue[] | undefined) => setAnswers((a) => ({ ...a, [key]: { ...(a[key] ?? {}), [linkId]: v } }));

  if (submit.data !== undefined) return <Outcome c={submit.data.c} uploads={submit.data.uploads} onNew={onDiscard} />;
  return (
    <Stack gap="md" maw={1000}>
      <Title order={1} size="h3">New prior-authorization request</Title>
      {restoredAt !== null && (
        <Alert color="blue" title="Draft restored" role="status">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">Your draft from {formatInstant(restoredAt, session?.tenant.timeZone ?? 'UTC')} is back as you left it. Documents are not kept in a draft: add them again.</Text>
            <Button size="xs" variant="light" color="gray" onClick={onDiscard}>Discard the draft</Button>
          </Group>
        </Alert>
      )}
      <Card withBorder padding="sm">
        <Group align="end" wrap="wrap">
          <TextInput label="Member number" value={memberNumber} onChange={(e) => { setMemberNumber(e.currentTarget.value); setMember(null); }} w={220} />
          <Button variant="light" onClick={() => find.mutate()} loading={find.isPending} disabled={memberNumber.trim() === ''}>Find member</Button>
          {member !== null && <Text size="sm" aria-label="Member found"><b>{member.lastName}, {member.firstName}</b> · born {member.birthDate}</Text>}
          {find.isSuccess && member === null && <Text size="sm" c="red.9" role="alert">No member with this number</Text>}
        </Group>
        {member !== null && <EligibilityCard memberId={member.id} date={serviceDate} />}
        <Group align="end" wrap="wrap" mt="sm">
          <TextInput label="Requesting provider NPI" value={npi} onChange={(e) => setNpi(e.currentTarget.value)} w={200} />
          <TextInput label="Servicing provider NPI" description="if another provider" value={servicingNpi} onChange={(e) => setServicingNpi(e.currentTarget.value)} w={200} />
          <TextInput label="Diagnoses (ICD-10-CM)" placeholder="G47.33" value={diagnoses} onChange={(e) => setDiagnoses(e.currentTarget.value)} w={200} />
        </Group>
        <ExpediteChoice value={expedite} onChange={setExpedite} defaultNpi={npi.trim()} />
      </Card>

      {lines.map((l, i) => {
        const item = requirements[filled.indexOf(l)]?.data?.items[0];
        const doc = sets[filled.indexOf(l)]?.data?.document;
        return (
          <Card withBorder padding="sm" key={l.key} aria-label={`Service line ${i + 1}`}>
            <Group align="end" wrap="wrap">
              <CodeSearchInput label={`Line ${i + 1} code`} value={l.code} onChange={(code) => update(l.key, { code })} w={150} />
              <NumberInput label="Units" min={1} value={l.units} onChange={(v) => update(l.key, { units: typeof v === 'number' ? v : 1 })} w={100} />
              <TextInput label="From" type="date" value={l.fromDate} onChange={(e) => update(l.key, { fromDate: e.currentTarget.value })} w={160} />
              <TextInput label="To" type="date" value={l.toDate} onChange={(e) => update(l.key, { toDate: e.currentTarget.value })} w={160} />
              <TextInput label="Place of service" value={l.pos} onChange={(e) => update(l.key, { pos: e.currentTarget.value })} w={120} />
              {lines.length > 1 && <Button variant="subtle" color="gray" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>Remove</Button>}
            </Group>
            {item !== undefined && (
              <Group gap="xs" mt="xs">
                <Badge variant="light" color={REQUIREMENT_LABEL[item.requirement].color}>{REQUIREMENT_LABEL[item.requirement].label}</Badge>
                <Text size="sm">{item.message}</Text>
              </Group>
            )}
            {item !== undefined && item.documents.length > 0 && <Text size="xs" c="dimmed" mt={4}>Documents to send: {item.documents.join('; ')}</Text>}
            {doc !== undefined && (
              <Card withBorder mt="sm" padding="sm" bg="gray.0">
                <Text fw={600} size="sm">{doc.title} — criteria questions</Text>
                <Text size="xs" c="dimmed" mb="xs">{doc.source.citation} · <Anchor underline="always" component={Link} to={`/criteria/${encodeURIComponent(doc.id)}?version=${doc.version}`} target="_blank">read the criteria</Anchor>{doc.clinicallyReviewed.reviewed ? '' : ' · not yet signed off by a clinician'}</Text>
                <QuestionnaireForm questionnaire={doc.questionnaire} answers={answers[l.key] ?? {}} onChange={answer(l.key)} idPrefix={`line${l.key}`} />
              </Card>
            )}
          </Card>
        );
      })}
      <Card withBorder padding="sm">
        <SubmissionFiles files={files} onChange={setFiles} />
      </Card>
      <Group>
        <Button variant="subtle" onClick={() => setLines((ls) => [...ls, { key: Math.max(...ls.map((x) => x.key)) + 1, code: '', units: 1, fromDate: today(), toDate: '', pos: '' }])}>Add a line</Button>
        <Button variant="light" onClick={() => setChecked(true)} disabled={member === null || filled.length === 0}>Check requirements</Button>
        <Button onClick={() => submit.mutate()} loading={submit.isPending} disabled={member === null || filled.length === 0 || !checked || expediteProblems(expedite).length > 0}>Submit request</Button>
      </Group>
      {expediteProblems(expedite).length > 0 && <Text size="sm" c="red.9">To send it expedited, give {expediteProblems(expedite).join(', ')}.</Text>}
      {requirements.some((r) => r.error !== null) && <Alert color="red" role="alert">{requirements.find((r) => r.error !== null)?.error?.message}</Alert>}
      {submit.error !== null && <Alert color="red" role="alert">{submit.error.message}</Alert>}
    </Stack>
  );
}

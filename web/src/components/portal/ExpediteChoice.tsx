/**
 * Standard or expedited, and for expedited the requesting physician's attestation (42 CFR
 * 422.570(c)(2)(ii)). The server refuses a provider's expedited request without it; with it the
 * case is physician-supported and its clock cannot be downgraded to standard.
 */
import { Checkbox, Fieldset, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';

export interface ExpediteState {
  readonly priority: 'standard' | 'expedited';
  readonly attested: boolean;
  readonly physicianName: string;
  readonly physicianNpi: string;
  readonly reason: string;
}

export const STANDARD: ExpediteState = { priority: 'standard', attested: false, physicianName: '', physicianNpi: '', reason: '' };

export const ATTESTATION_TEXT =
  "The requesting physician attests that applying the standard time frame could seriously jeopardize the member's life or health or ability to regain maximum function (42 CFR 422.570(c)(2)(ii)).";

/** What is missing before an expedited request can be sent (empty when nothing is). */
export function expediteProblems(s: ExpediteState): string[] {
  if (s.priority !== 'expedited') return [];
  const out: string[] = [];
  if (!s.attested) out.push('the physician\'s attestation');
  if (s.physicianName.trim() === '') out.push('the attesting physician\'s name');
  if (s.physicianNpi.trim() !== '' && !/^\d{10}$/.test(s.physicianNpi.trim())) out.push('a 10-digit NPI for the attesting physician');
  return out;
}

/** The request fields for the choice (none for standard). */
export function expediteFields(s: ExpediteState): Record<string, unknown> {
  if (s.priority !== 'expedited') return { priority: 'standard' };
  const npi = s.physicianNpi.trim();
  const reason = s.reason.trim();
  return {
    priority: 'expedited',
    expediteAttestation: { physicianName: s.physicianName.trim(), ...(npi === '' ? {} : { physicianNpi: npi }), seriousJeopardy: true, ...(reason === '' ? {} : { reason }) },
  };
}

export function ExpediteChoice({ value, onChange, defaultNpi }: { value: ExpediteState; onChange: (v: ExpediteState) => void; defaultNpi: string }) {
  const set = (patch: Partial<ExpediteState>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="xs" mt="sm">
      <Radio.Group
        label="Time frame"
        value={value.priority}
        onChange={(v) => set({ priority: v === 'expedited' ? 'expedited' : 'standard', ...(v === 'expedited' && value.physicianNpi === '' ? { physicianNpi: defaultNpi } : {}) })}
      >
        <Group mt={4}>
          <Radio value="standard" label="Standard" />
          <Radio value="expedited" label="Expedited (physician attests)" />
        </Group>
      </Radio.Group>
      {value.priority === 'expedited' && (
        <Fieldset legend="Physician's attestation for an expedited request" variant="filled">
          <Stack gap="xs">
            <Checkbox checked={value.attested} onChange={(e) => set({ attested: e.currentTarget.checked })} label={ATTESTATION_TEXT} />
            <Group align="start" wrap="wrap">
              <TextInput label="Attesting physician" withAsterisk value={value.physicianName} onChange={(e) => set({ physicianName: e.currentTarget.value })} w={260} />
              <TextInput label="Attesting physician NPI" value={value.physicianNpi} onChange={(e) => set({ physicianNpi: e.currentTarget.value })} w={200} />
            </Group>
            <Textarea label="Why the standard time frame could harm the member" description="optional" autosize minRows={2} value={value.reason} onChange={(e) => set({ reason: e.currentTarget.value })} />
            <Text size="xs" c="dimmed">The plan decides an expedited request as fast as the member's health requires, within the expedited time frame (72 hours for Medicare Advantage); a request a physician supports is not moved to the standard time frame.</Text>
          </Stack>
        </Fieldset>
      )}
    </Stack>
  );
}

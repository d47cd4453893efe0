/**
 * Renders a criteria set's FHIR R4 Questionnaire as a form and builds the QuestionnaireResponse
 * the request carries. `enableWhen` is decided by the same code the server uses
 * (src/criteria/questionnaire.ts), so a question hidden here is one the rules ignore there.
 */
import { Checkbox, Fieldset, NumberInput, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { enabledItems, indexItems, isQuestion } from '../../../src/criteria/questionnaire';
import type { QuestionnaireDef, QuestionnaireItemDef } from '../../../src/criteria/schema';

export type AnswerValue = boolean | number | string;
export type Answers = Readonly<Record<string, AnswerValue | readonly AnswerValue[] | undefined>>;

const UNIT = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit';

function unitOf(item: QuestionnaireItemDef): string | undefined {
  for (const e of item.extension ?? []) {
    if (e.url !== UNIT || !('valueCoding' in e)) continue;
    const v: unknown = e.valueCoding;
    if (typeof v === 'object' && v !== null && 'display' in v && typeof v.display === 'string') return v.display;
    if (typeof v === 'object' && v !== null && 'code' in v && typeof v.code === 'string') return v.code;
  }
  return undefined;
}

const asList = (v: AnswerValue | readonly AnswerValue[] | undefined): readonly AnswerValue[] => (v === undefined ? [] : typeof v === 'object' ? v : [v]);

/** The linkIds enabled under the given answers. */
export function enabledLinkIds(q: Pick<QuestionnaireDef, 'item'>, answers: Answers): ReadonlySet<string> {
  const map = new Map<string, readonly AnswerValue[]>();
  for (const [k, v] of Object.entries(answers)) if (asList(v).length > 0) map.set(k, asList(v));
  return enabledItems(indexItems(q), map);
}

function answerOf(item: QuestionnaireItemDef, v: AnswerValue): QuestionnaireResponseItemAnswer | null {
  switch (item.type) {
    case 'boolean':
      return typeof v === 'boolean' ? { valueBoolean: v } : null;
    case 'decimal':
      return typeof v === 'number' ? { valueDecimal: v } : null;
    case 'integer':
      return typeof v === 'number' ? { valueInteger: Math.trunc(v) } : null;
    case 'quantity':
      return typeof v === 'number' ? { valueQuantity: { value: v } } : null;
    case 'date':
      return typeof v === 'string' && v !== '' ? { valueDate: v } : null;
    case 'choice':
    case 'open-choice': {
      const option = item.answerOption?.find((o) => o.valueCoding.code === v);
      return option === undefined ? (item.type === 'open-choice' ? { valueString: String(v) } : null) : { valueCoding: { system: option.valueCoding.system, code: option.valueCoding.code, display: option.valueCoding.display } };
    }
    case 'string':
    case 'text':
      return typeof v === 'string' && v.trim() !== '' ? { valueString: v } : null;
    case 'dateTime':
      return typeof v === 'string' && v !== '' ? { valueDateTime: v } : null;
    case 'time':
      return typeof v === 'string' && v !== '' ? { valueTime: v } : null;
    case 'url':
      return typeof v === 'string' && v !== '' ? { valueUri: v } : null;
    case 'attachment':
    case 'reference':
    case 'group':
    case 'display':
      return null;
  }
}

/** The QuestionnaireResponse for the enabled questions that have an answer. */
export function toResponse(q: QuestionnaireDef, answers: Answers): QuestionnaireResponse {
  const enabled = enabledLinkIds(q, answers);
  const items: QuestionnaireResponseItem[] = [];
  const walk = (list: readonly QuestionnaireItemDef[]) => {
    for (const item of list) {
      if (!enabled.has(item.linkId)) continue;
      if (isQuestion(item)) {
        const given = asList(answers[item.linkId]).map((v) => answerOf(item, v)).filter((a): a is QuestionnaireResponseItemAnswer => a !== null);
        if (given.length > 0) items.push({ linkId: item.linkId, answer: given });
      }
      walk(item.item ?? []);
    }
  };
  walk(q.item);
  return { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: `${q.url}|${q.version}`, item: items };
}

interface Props {
  readonly questionnaire: QuestionnaireDef;
  readonly answers: Answers;
  readonly onChange: (linkId: string, value: AnswerValue | readonly AnswerValue[] | undefined) => void;
  /** Prefix for element ids, when several forms are on one page. */
  readonly idPrefix: string;
}

export function QuestionnaireForm({ questionnaire, answers, onChange, idPrefix }: Props) {
  const enabled = enabledLinkIds(questionnaire, answers);
  const render = (items: readonly QuestionnaireItemDef[]): React.ReactNode[] =>
    items.filter((i) => enabled.has(i.linkId)).map((item) => <QuestionItem key={item.linkId} item={item} answers={answers} onChange={onChange} idPrefix={idPrefix} render={render} />);
  return <Stack gap="sm" aria-label={questionnaire.title}>{render(questionnaire.item)}</Stack>;
}

function QuestionItem({ item, answers, onChange, idPrefix, render }: { item: QuestionnaireItemDef; answers: Answers; onChange: Props['onChange']; idPrefix: string; render: (items: readonly QuestionnaireItemDef[]) => React.ReactNode[] }) {
  const id = `${idPrefix}-${item.linkId}`;
  const label = `${item.prefix === undefined ? '' : `${item.prefix} `}${item.text ?? item.linkId}`;
  const value = answers[item.linkId];
  const single = asList(value)[0];
  switch (item.type) {
    case 'group':
      return <Fieldset legend={label} variant="filled"><Stack gap="sm">{render(item.item ?? [])}</Stack></Fieldset>;
    case 'display':
      return <Text size="sm">{label}</Text>;
    case 'boolean':
      return (
        <Radio.Group label={label} required={item.required} value={single === undefined ? '' : String(single)} onChange={(v) => onChange(item.linkId, v === 'true')} id={id}>
          <Stack gap={4} mt={4}>
            <Radio value="true" label="Yes" />
            <Radio value="false" label="No" />
          </Stack>
        </Radio.Group>
      );
    case 'decimal':
    case 'integer':
    case 'quantity': {
      const unit = unitOf(item);
      return (
        <NumberInput id={id} label={label} required={item.required} description={unit} allowDecimal={item.type !== 'integer'} value={typeof single === 'number' ? single : ''}
          onChange={(v) => onChange(item.linkId, typeof v === 'number' ? v : v === '' ? undefined : Number(v))} />
      );
    }
    case 'date':
      return <TextInput id={id} type="date" label={label} required={item.required} value={typeof single === 'string' ? single : ''} onChange={(e) => onChange(item.linkId, e.currentTarget.value === '' ? undefined : e.currentTarget.value)} />;
    case 'choice':
    case 'open-choice': {
      const options = (item.answerOption ?? []).map((o) => ({ value: o.valueCoding.code, label: o.valueCoding.display ?? o.valueCoding.code }));
      if (item.repeats === true) {
        return (
          <Checkbox.Group id={id} label={label} required={item.required} value={asList(value).map(String)} onChange={(v) => onChange(item.linkId, v.length === 0 ? undefined : v)}>
            <Stack gap={4} mt={4}>{options.map((o) => <Checkbox key={o.value} value={o.value} label={o.label} />)}</Stack>
          </Checkbox.Group>
        );
      }
      if (options.length > 6) return <Select id={id} label={label} required={item.required} data={options} value={typeof single === 'string' ? single : null} onChange={(v) => onChange(item.linkId, v ?? undefined)} searchable />;
      return (
        <Radio.Group id={id} label={label} required={item.required} value={typeof single === 'string' ? single : ''} onChange={(v) => onChange(item.linkId, v)}>
          <Stack gap={4} mt={4}>{options.map((o) => <Radio key={o.value} value={o.value} label={o.label} />)}</Stack>
        </Radio.Group>
      );
    }
    case 'text':
      return <Textarea id={id} label={label} required={item.required} value={typeof single === 'string' ? single : ''} onChange={(e) => onChange(item.linkId, e.currentTarget.value)} />;
    case 'attachment':
    case 'reference':
      return <Text size="sm" c="dimmed">{label} — send it as an attachment to the request.</Text>;
    case 'string':
    case 'url':
    case 'dateTime':
    case 'time':
      return <TextInput id={id} label={label} required={item.required} value={typeof single === 'string' ? single : ''} onChange={(e) => onChange(item.linkId, e.currentTarget.value)} />;
  }
}

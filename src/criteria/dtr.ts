/**
 * A set's Questionnaire as Da Vinci DTR 2.0.1 hands it out from `$questionnaire-package`:
 * claiming the DTR Standard Questionnaire profile, which requires a narrative (`text` 1..1) and
 * `subjectType` = Patient, with the set's effective dates as `effectivePeriod`.
 * Profile: http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-std-questionnaire
 */
import type { Questionnaire } from '@medplum/fhirtypes';
import type { CriteriaSet, QuestionnaireItemDef } from './schema';

export const DTR_STD_QUESTIONNAIRE = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-std-questionnaire';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function itemsHtml(items: readonly QuestionnaireItemDef[]): string {
  const lis = items.map((item) => {
    const children = item.item ? itemsHtml(item.item) : '';
    return `<li>${escapeXml(item.text ?? item.linkId)}${children}</li>`;
  });
  return `<ol>${lis.join('')}</ol>`;
}

/** The narrative DTR requires: the title, the source citation, the sign-off state and the questions. */
export function questionnaireNarrative(set: CriteriaSet): string {
  const review = set.clinicallyReviewed.reviewed ? `Clinically reviewed by ${set.clinicallyReviewed.by}` : 'Not clinically reviewed';
  return `<div xmlns="http://www.w3.org/1999/xhtml"><p><b>${escapeXml(set.questionnaire.title)}</b></p>`
    + `<p>${escapeXml(set.source.citation)}. ${escapeXml(review)}.</p>${itemsHtml(set.questionnaire.item)}</div>`;
}

/** The set's Questionnaire, profiled for DTR. The stored set is not changed. */
export function toDtrQuestionnaire(set: CriteriaSet): Questionnaire {
  const q: Questionnaire = set.questionnaire;
  return {
    ...q,
    id: `${set.id}-v${set.version}`.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64),
    meta: { profile: [DTR_STD_QUESTIONNAIRE] },
    text: { status: 'generated', div: questionnaireNarrative(set) },
    subjectType: ['Patient'],
    effectivePeriod: { start: set.effective.from, ...(set.effective.to ? { end: set.effective.to } : {}) },
    purpose: `Documentation for ${set.title}: ${set.source.citation}`,
  };
}

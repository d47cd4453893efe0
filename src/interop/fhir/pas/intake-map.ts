/**
 * A PAS Claim as the one intake request every channel maps onto (src/intake/request.ts). Pure:
 * the member and providers were resolved before. Mapping (X12 278 loops in brackets):
 * `Claim.item` → lines (2000F: productOrService → SV1/SV2, quantity → HSD, serviced → DTP*472,
 * location → UM04), `Claim.diagnosis` → diagnoses (HI), supporting DocumentReferences → attachments
 * (PWK/275), supporting QuestionnaireResponses → answers for the criteria (DTR), MessageText → note.
 */
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { UNIT_TYPES, type CaseKind, type RequesterType, type UnitType } from '../../../intake/model';
import type { AttachmentRequest, IntakeRequest, LineRequest } from '../../../intake/request';
import type { BundleIndex } from '../bundle';
import { isRecord, objs, str, type JsonObject } from '../json';
import { isExpedited, type PasClaim, type PasItem } from './claim';
import { REJECT, SYSTEMS } from './codes';
import { productCode } from './products';

export interface ResolvedParties {
  readonly memberNumber: string;
  readonly requestingNpi?: string;
  readonly servicingNpi?: string;
  readonly requesterType: RequesterType;
}

export interface MappedRequest {
  readonly request: IntakeRequest;
  /** `Claim.item.sequence` of each line, in line order. */
  readonly lineSequences: readonly number[];
  /** FHIRPath of each line's item, in line order (intake errors name `lines/<n>`). */
  readonly linePaths: readonly string[];
  /** FHIRPath of each attachment's data, in attachment order. */
  readonly attachmentPaths: readonly string[];
  /** FHIRPath of each diagnosis, in diagnosis order. */
  readonly diagnosisPaths: readonly string[];
  /** Items that cannot become a line, with the X12 reject reason. */
  readonly rejected: readonly { readonly sequence: number; readonly reason: string; readonly detail: string; readonly path: string }[];
}

const isUnit = (u: string | undefined): u is UnitType => u !== undefined && UNIT_TYPES.some((x) => x === u);

/** A QuestionnaireResponse as parsed JSON: the fields the criteria engine reads are checked by it. */
const isQuestionnaireResponse = (v: JsonObject): v is JsonObject & QuestionnaireResponse =>
  v['resourceType'] === 'QuestionnaireResponse' && typeof v['status'] === 'string';

/** The case kind from the request categories (X12 1525) and certification types (X12 1322). */
export function caseKindOf(items: readonly PasItem[]): CaseKind {
  if (items.some((i) => i.requestType === 'SC')) return 'referral';
  if (items.some((i) => i.requestType === 'AR' && i.certificationType === '4')) return 'concurrent_review';
  return 'prior_auth';
}

function lineOf(item: PasItem, code: { codeSystem: LineRequest['codeSystem']; code: string }): LineRequest {
  return {
    codeSystem: code.codeSystem,
    code: code.code,
    ...(item.modifiers.length === 0 ? {} : { modifiers: item.modifiers }),
    ...(item.product?.display === undefined ? {} : { description: item.product.display }),
    units: item.quantity !== undefined && item.quantity > 0 ? item.quantity : 1,
    unitType: isUnit(item.quantityUnit) ? item.quantityUnit : 'UN',
    ...(item.from === undefined ? {} : { fromDate: item.from }),
    ...(item.to === undefined ? {} : { toDate: item.to }),
    ...(item.placeOfService === undefined ? {} : { placeOfService: item.placeOfService }),
    ...(code.codeSystem === 'NDC' ? { ndc: code.code } : {}),
  };
}

function attachmentOf(doc: JsonObject, path: string): { a: AttachmentRequest; path: string } | undefined {
  const content = objs(doc, 'content');
  for (let i = 0; i < content.length; i++) {
    const att = content[i]?.['attachment'];
    if (!isRecord(att)) continue;
    const data = str(att, 'data');
    const type = str(att, 'contentType');
    if (data === undefined || type === undefined) continue;
    const fileName = str(att, 'title') ?? `${str(doc, 'id') ?? 'document'}.${type === 'application/pdf' ? 'pdf' : type === 'text/plain' ? 'txt' : 'bin'}`;
    return { a: { fileName, contentType: type, contentBase64: data }, path: `${path}.content[${i}].attachment.data` };
  }
  return undefined;
}

/**
 * Maps the claim's items (or the given subset) onto an intake request. Items whose code OpenUM
 * cannot review (an X12 service type alone, a dental code) are returned as rejected.
 */
export function toIntakeRequest(b: BundleIndex, c: PasClaim, parties: ResolvedParties, opts: { items?: readonly PasItem[]; relatedCaseId?: string } = {}): MappedRequest {
  const claimPath = b.path(c.entry);
  const lines: LineRequest[] = [];
  const lineSequences: number[] = [];
  const linePaths: string[] = [];
  const rejected: { sequence: number; reason: string; detail: string; path: string }[] = [];
  for (const item of opts.items ?? c.items.filter((i) => !i.cancelled)) {
    const code = productCode(item.product?.system, item.product?.code);
    const path = `${claimPath}.item[${item.index}]`;
    if ('unsupported' in code) {
      rejected.push({ sequence: item.sequence, reason: REJECT.invalidProcedureCode, detail: `Item ${item.sequence}: OpenUM reviews requests by procedure, revenue or drug code; ${code.unsupported} cannot be reviewed`, path: `${path}.productOrService` });
      continue;
    }
    lines.push(lineOf(item, code));
    lineSequences.push(item.sequence);
    linePaths.push(path);
  }
  const attachments: AttachmentRequest[] = [];
  const attachmentPaths: string[] = [];
  const answers: QuestionnaireResponse[] = [];
  const notes: string[] = [];
  for (const s of c.supportingInfo) {
    if (s.cancelled) continue;
    const v = s.value;
    if (v?.type === 'DocumentReference') {
      const att = attachmentOf(v.resource, b.path(v));
      if (att !== undefined) {
        attachments.push(att.a);
        attachmentPaths.push(att.path);
      }
    } else if (v !== undefined && isQuestionnaireResponse(v.resource)) {
      answers.push(v.resource);
    }
  }
  for (const s of objs(c.claim, 'supportingInfo')) {
    const text = str(s, 'valueString');
    if (text !== undefined && text.trim() !== '') notes.push(text.trim());
  }
  const expedited = isExpedited(c);
  type Dx = NonNullable<IntakeRequest['diagnoses']>[number];
  const diagnoses: Dx[] = [];
  const diagnosisPaths: string[] = [];
  c.diagnoses.forEach((d) => {
    const system = d.system === SYSTEMS.icd10 ? 'ICD-10-CM' : d.system === SYSTEMS.icd9 ? 'ICD-9-CM' : undefined;
    if (system === undefined) return;
    diagnoses.push({ system, code: d.code });
    diagnosisPaths.push(`${claimPath}.diagnosis[${d.index}].diagnosis.ofType(CodeableConcept)`);
  });
  const request: IntakeRequest = {
    kind: caseKindOf(opts.items ?? c.items),
    priority: expedited ? 'expedited' : 'standard',
    ...(expedited ? { expediteRequestedBy: 'physician' as const } : {}),
    requesterType: parties.requesterType,
    channel: 'fhir',
    member: { memberNumber: parties.memberNumber },
    ...(parties.requestingNpi === undefined ? {} : { requestingProvider: { npi: parties.requestingNpi } }),
    ...(parties.servicingNpi === undefined ? {} : { servicingProvider: { npi: parties.servicingNpi } }),
    ...(diagnoses.length === 0 ? {} : { diagnoses }),
    lines,
    ...(opts.relatedCaseId === undefined ? {} : { relatedCaseId: opts.relatedCaseId }),
    ...(notes.length === 0 ? {} : { note: notes.join('\n') }),
    ...(attachments.length === 0 ? {} : { attachments }),
    ...(answers.length === 0 ? {} : { answers }),
  };
  return { request, lineSequences, linePaths, attachmentPaths, diagnosisPaths, rejected };
}

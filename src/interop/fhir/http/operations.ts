/**
 * FHIR operations and interactions declared as data (as Medplum's `fhir/operations`): each one names
 * its OperationDefinition, its parameters, the SMART scope it needs and its handler. The same
 * records register the routes, parse the parameters and generate the CapabilityStatement, so the
 * statement lists exactly what is served (FHIR R4 §Operations, §2.36 "Parameters").
 */
import type { Principal } from '../../../platform/auth/model';
import type { Json } from '../../../audit/chain';
import { UmError } from '../../../platform/errors';
import { isRecord, objs, str, type JsonObject } from '../json';
import { issuesError } from './outcome';
import type { ValidationIssue } from '../validation';

export type Access = 'read' | 'write' | 'create' | 'update' | 'delete' | 'search';

export interface OperationParameter {
  readonly name: string;
  readonly use: 'in' | 'out';
  readonly min: number;
  readonly max: string;
  /** A resource type (`Bundle`, `Coverage`, `Resource` for any) or a primitive (`canonical`, `string`, `dateTime`, `instant`). */
  readonly type: string;
  readonly targetProfile?: readonly string[];
  readonly documentation: string;
}

/** What the audit trail records of a call (identifiers and codes only). */
export interface AuditNote {
  readonly action: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly caseId?: string | null;
  readonly details?: { readonly [k: string]: Json };
}

export interface FhirAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly audit: AuditNote;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface CallContext {
  readonly principal: Extract<Principal, { kind: 'client' }>;
  readonly ip: string | null;
  readonly requestId: string;
  /** The request body as received (kept verbatim with the case). */
  readonly rawBody: string | undefined;
  /** The instance id of an instance-level operation. */
  readonly id?: string;
}

export interface FhirOperation {
  readonly kind: 'operation';
  readonly code: string;
  /** The OperationDefinition canonical (`url|version`). */
  readonly definition: string;
  readonly resource: string;
  /** Type level (`POST /Claim/$submit`, the default) or instance level (`GET /Subscription/:id/$status`). */
  readonly level?: 'type' | 'instance';
  readonly method?: 'GET' | 'POST';
  readonly scope: { readonly resource: string; readonly access: Access };
  readonly parameters: readonly OperationParameter[];
  readonly documentation: string;
  handler(call: CallContext, input: ReadonlyMap<string, readonly unknown[]>): Promise<FhirAnswer>;
}

export interface FhirInteraction {
  readonly kind: 'interaction';
  readonly resource: string;
  readonly code: 'read' | 'create' | 'update' | 'delete';
  readonly scope: { readonly resource: string; readonly access: Access };
  readonly profile?: string;
  readonly documentation: string;
  handler(call: CallContext, id: string | undefined, body: unknown): Promise<FhirAnswer>;
}

const PRIMITIVE_KEYS: Readonly<Record<string, string>> = { canonical: 'valueCanonical', string: 'valueString', dateTime: 'valueDateTime', instant: 'valueInstant', uri: 'valueUri', code: 'valueCode' };

const isResourceType = (t: string): boolean => !(t in PRIMITIVE_KEYS);

/**
 * The input parameters of an operation call, by name. A resource posted on its own is the operation's
 * single resource input (FHIR R4 §2.36.0.2); otherwise the body must be Parameters. Unknown names,
 * wrong types and cardinality are reported as issues with the FHIRPath of the parameter.
 */
export function parseOperationInput(op: FhirOperation, body: unknown): ReadonlyMap<string, readonly unknown[]> {
  const ins = op.parameters.filter((p) => p.use === 'in');
  if (!isRecord(body) || typeof body['resourceType'] !== 'string') {
    throw issuesError('UM_ERR_FHIR_INVALID', 'The body is not a FHIR resource', [{ severity: 'error', code: 'structure', expression: 'Resource', diagnostics: `$${op.code} takes a FHIR resource (JSON with a resourceType)` }]);
  }
  const out = new Map<string, unknown[]>();
  const single = ins.filter((p) => p.min >= 1 && p.max === '1' && isResourceType(p.type));
  if (body['resourceType'] !== 'Parameters') {
    const only = single.length === 1 && ins.length === 1 ? single[0] : undefined;
    if (only === undefined || (only.type !== 'Resource' && only.type !== body['resourceType'])) {
      throw issuesError('UM_ERR_FHIR_INVALID', `$${op.code} takes Parameters`, [{ severity: 'error', code: 'structure', expression: String(body['resourceType']), diagnostics: `$${op.code} takes ${only === undefined ? 'a Parameters resource' : `a ${only.type}`}, not a ${String(body['resourceType'])}` }]);
    }
    out.set(only.name, [body]);
    return out;
  }
  const issues: ValidationIssue[] = [];
  objs(body, 'parameter').forEach((param, i) => {
    const at = `Parameters.parameter[${i}]`;
    const name = str(param, 'name') ?? '';
    const def = ins.find((p) => p.name === name);
    if (def === undefined) {
      issues.push({ severity: 'error', code: 'not-supported', expression: `${at}.name`, diagnostics: `$${op.code} has no input parameter "${name}" (it takes ${ins.map((p) => p.name).join(', ')})` });
      return;
    }
    let value: unknown;
    if (isResourceType(def.type)) {
      const r = param['resource'];
      if (!isRecord(r) || (def.type !== 'Resource' && r['resourceType'] !== def.type)) {
        issues.push({ severity: 'error', code: 'structure', expression: `${at}.resource`, diagnostics: `Parameter "${name}" takes a ${def.type} resource` });
        return;
      }
      value = r;
    } else {
      const key = PRIMITIVE_KEYS[def.type] ?? '';
      if (typeof param[key] !== 'string') {
        issues.push({ severity: 'error', code: 'structure', expression: at, diagnostics: `Parameter "${name}" takes ${key}` });
        return;
      }
      value = param[key];
    }
    out.set(name, [...(out.get(name) ?? []), value]);
  });
  for (const p of ins) {
    const n = out.get(p.name)?.length ?? 0;
    if (n < p.min) issues.push({ severity: 'error', code: 'required', expression: 'Parameters.parameter', diagnostics: `$${op.code} needs parameter "${p.name}" (${p.min}..${p.max})` });
    if (p.max !== '*' && n > Number(p.max)) issues.push({ severity: 'error', code: 'structure', expression: 'Parameters.parameter', diagnostics: `$${op.code} takes at most ${p.max} "${p.name}"` });
  }
  if (issues.length > 0) throw issuesError('UM_ERR_FHIR_INVALID', `The parameters of $${op.code} are not valid`, issues);
  return out;
}

/** The single resource of a parameter known to be present. */
export function requiredResource(input: ReadonlyMap<string, readonly unknown[]>, name: string): JsonObject {
  const v = input.get(name)?.[0];
  if (!isRecord(v)) throw new UmError('UM_ERR_FHIR_INVALID', `Parameter "${name}" is missing`);
  return v;
}

/**
 * Errors on the FHIR endpoint as one OperationOutcome (FHIR R4 §OperationOutcome; Da Vinci PAS 2.2.1
 * spec-35: a request that cannot be processed gets a single OperationOutcome). Profile issues keep
 * their own issue codes and FHIRPath expressions; every other `UmError` goes through the platform's
 * one mapping. Registered as the error handler of the `/fhir` and `/cds-services` scopes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, UmError, isUmError, type ErrorCode } from '../../../platform/errors';
import { handleError, normaliseError } from '../../../platform/http/errors';
import { isRecord, isString } from '../json';
import { errorsOf, type IssueCode, type ValidationIssue } from '../validation';

export const FHIR_JSON = 'application/fhir+json';

const ISSUE_CODES: readonly IssueCode[] = ['structure', 'required', 'value', 'invalid', 'code-invalid', 'invariant', 'not-supported', 'informational'];
const isIssue = (v: unknown): v is ValidationIssue =>
  isRecord(v) && isString(v['diagnostics']) && isString(v['expression']) && ISSUE_CODES.some((c) => c === v['code']) && (v['severity'] === 'error' || v['severity'] === 'warning' || v['severity'] === 'information');

/**
 * A UmError carrying validation issues (each with its issue code and FHIRPath), so that the FHIR
 * error handler answers them one for one. Only the errors are kept (warnings are for the log).
 */
export function issuesError(code: ErrorCode, message: string, issues: readonly ValidationIssue[]): UmError {
  const errors = errorsOf(issues);
  return new UmError(code, message, {
    details: errors.map((i) => ({ path: i.expression, message: i.diagnostics })),
    extra: { fhirIssues: errors },
  });
}

/** One error issue at one place: the common case of a request that cannot be processed. */
export function contentError(code: ErrorCode, issueCode: IssueCode, expression: string, diagnostics: string): UmError {
  return issuesError(code, diagnostics, [{ severity: 'error', code: issueCode, expression, diagnostics }]);
}

export function operationOutcome(issues: readonly ValidationIssue[], code: ErrorCode): Record<string, unknown> {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      details: { coding: [{ system: 'urn:openum:error-code', code }], text: ERROR_CODES[code].title },
      diagnostics: i.diagnostics,
      expression: [i.expression],
    })),
  };
}

/** The error handler of the FHIR scopes. */
export function fhirErrorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const e = normaliseError(err);
  const carried = isUmError(err) ? err.extra['fhirIssues'] : undefined;
  if (Array.isArray(carried) && carried.length > 0 && carried.every(isIssue)) {
    req.log.info({ code: e.code, reqId: req.id, issues: carried.length }, 'FHIR request refused');
    return reply.status(e.status).type(FHIR_JSON).send(operationOutcome(carried, e.code));
  }
  return handleError(e, req, reply);
}

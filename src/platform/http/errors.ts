/**
 * One mapping from errors to the standard error bodies: RFC 9457 problem+json for the REST API,
 * FHIR OperationOutcome for /fhir. Unknown errors become a generic 500, logged once.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, UmError, isUmError, type ErrorCode } from '../errors';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ErrorCode;
  readonly instance?: string;
  readonly errors?: readonly { readonly path?: string; readonly message: string }[];
  readonly requestId?: string;
  readonly [k: string]: unknown;
}

export const problemType = (code: ErrorCode): string => `urn:openum:problem:${code}`;

const hasCode = (e: unknown): e is FastifyError => typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string';

/** Turns whatever was thrown into a UmError (Fastify's own errors included). */
export function normaliseError(err: unknown): UmError {
  if (isUmError(err)) return err;
  if (hasCode(err)) {
    if (err.validation !== undefined) {
      return new UmError('UM_ERR_VALIDATION', err.message, {
        details: err.validation.map((v) => ({ path: `${err.validationContext ?? 'body'}${v.instancePath}`, message: v.message ?? 'is not valid' })),
      });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return new UmError('UM_ERR_PAYLOAD_TOO_LARGE');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new UmError('UM_ERR_UNSUPPORTED_MEDIA_TYPE', err.message);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return new UmError('UM_ERR_VALIDATION', err.message);
      default:
        if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return new UmError('UM_ERR_VALIDATION', err.message);
    }
  }
  if (err instanceof SyntaxError) return new UmError('UM_ERR_VALIDATION', `The body is not valid JSON: ${err.message}`);
  return new UmError('UM_ERR_INTERNAL', 'An unexpected error occurred; it has been logged with the request id', { cause: err });
}

export function toProblem(e: UmError, instance?: string, requestId?: string): Problem {
  return {
    type: problemType(e.code),
    title: ERROR_CODES[e.code].title,
    status: e.status,
    detail: e.message,
    code: e.code,
    ...(instance === undefined ? {} : { instance }),
    ...(e.details.length > 0 ? { errors: e.details } : {}),
    ...(requestId === undefined ? {} : { requestId }),
    ...e.extra,
  };
}

/** A FHIR R4 OperationOutcome with one issue per detail (or one for the error itself). */
export function toOperationOutcome(e: UmError): Record<string, unknown> {
  const code = ERROR_CODES[e.code].fhir;
  const issues =
    e.details.length > 0
      ? e.details.map((d) => ({ severity: 'error', code, diagnostics: d.message, ...(d.path === undefined ? {} : { expression: [d.path] }) }))
      : [{ severity: 'error', code, diagnostics: e.message }];
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({ ...i, details: { coding: [{ system: 'urn:openum:error-code', code: e.code }], text: ERROR_CODES[e.code].title } })),
  };
}

/** Fastify error handler: one place where errors become responses. */
export function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const e = normaliseError(err);
  if (e.code === 'UM_ERR_INTERNAL') request.log.error({ err, reqId: request.id }, 'unhandled error');
  else request.log.info({ code: e.code, reqId: request.id }, 'request refused');
  if (request.url.startsWith('/fhir')) {
    return reply.status(e.status).type('application/fhir+json').send(toOperationOutcome(e));
  }
  return reply.status(e.status).type('application/problem+json').send(toProblem(e, request.url.split('?')[0], request.id));
}

/**
 * The X12 capability as the platform wires it: routes (`POST /x12`, outbox, 834 upload), the case
 * event handler that fills the outbox, the command line, and the use cases behind them. The codec
 * itself (pure) is `./index.ts`.
 */
export { x12Routes, X12_BODY_LIMIT, X12_MEDIA_TYPES, X12_SCOPE } from './http/plugin';
export { x12CaseEvents } from './review/outbox';
export { processInterchange, POST_KINDS } from './process';
export type { ProcessOptions, ProcessResult, ProcessSummary } from './process';
export type { X12Caller, X12Context, ReviewAnswer } from './review/submit';

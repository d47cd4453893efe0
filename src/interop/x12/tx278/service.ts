import type { ReadContext } from '../common/parties';
import { el, opt, type Segment } from '../syntax/segment';
import { checkSegment } from '../validate/rules';
import { SV1_RULES, SV2_RULES, SV3_RULES } from './rules';
import type { RequestedService } from './types';

const num = (v: string | undefined): number | undefined => (v === undefined || !/^-?(\d+\.?\d*|\.\d+)$/.test(v) ? undefined : Number(v));

/**
 * The code system of an HC-qualified code: HCPCS Level I (CPT) codes are five digits, or four
 * digits and F (category II) or T (category III) or U (PLA codes); Level II codes are a letter
 * and four digits.
 */
export function hcpcsSystem(code: string): 'CPT' | 'HCPCS' {
  if (code.length !== 5) return 'HCPCS';
  for (let i = 0; i < 4; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return 'HCPCS';
  }
  const last = code.charAt(4);
  return (last >= '0' && last <= '9') || last === 'F' || last === 'T' || last === 'U' ? 'CPT' : 'HCPCS';
}

function systemOf(qualifier: string, code: string): RequestedService['codeSystem'] {
  switch (qualifier) {
    case 'HC':
      return hcpcsSystem(code);
    case 'AD':
      return 'CDT';
    case 'N4':
      return 'NDC';
    default:
      return 'other';
  }
}

const some = (v: string | undefined): string | undefined => (v === '' ? undefined : v);

function procedure(value: string, ctx: ReadContext): { qualifier: string; code: string; modifiers: string[]; description?: string; rangeEnd?: string } {
  const c = value.split(ctx.d.component);
  const modifiers: string[] = [];
  for (let i = 2; i < 6; i++) {
    const m = c[i];
    if (m !== undefined && m !== '') modifiers.push(m);
  }
  return { qualifier: c[0] ?? '', code: c[1] ?? '', modifiers, description: some(c[6]), rangeEnd: some(c[7]) };
}

/** Reads SV1 (professional), SV2 (institutional) or SV3 (dental, with its TOO segments) of a 2000F level. */
export function readService(s: Segment, body: readonly Segment[], ctx: ReadContext, loop: string): RequestedService | undefined {
  switch (s.id) {
    case 'SV1': {
      if (!checkSegment(s, SV1_RULES, ctx.d, ctx.issues, loop)) return undefined;
      const p = procedure(el(s, 1), ctx);
      return {
        kind: 'professional',
        codeSystem: systemOf(p.qualifier, p.code),
        qualifier: p.qualifier,
        code: p.code,
        modifiers: p.modifiers,
        description: p.description,
        rangeEnd: p.rangeEnd,
        amount: num(opt(s, 2)),
        unit: opt(s, 3),
        quantity: num(opt(s, 4)),
      };
    }
    case 'SV2': {
      if (!checkSegment(s, SV2_RULES, ctx.d, ctx.issues, loop)) return undefined;
      const revenueCode = opt(s, 1);
      const hasProcedure = opt(s, 2) !== undefined;
      if (!hasProcedure && revenueCode === undefined) {
        ctx.issues.bad(s, loop, 1, '2', undefined, undefined, 'SV2 needs a revenue code (SV201) or a procedure (SV202)');
        return undefined;
      }
      const p = hasProcedure ? procedure(el(s, 2), ctx) : undefined;
      return {
        kind: 'institutional',
        codeSystem: p === undefined ? 'revenue' : systemOf(p.qualifier, p.code),
        qualifier: p === undefined ? 'NU' : p.qualifier,
        code: p === undefined ? (revenueCode ?? '') : p.code,
        modifiers: p === undefined ? [] : p.modifiers,
        description: p?.description,
        rangeEnd: p?.rangeEnd,
        revenueCode,
        amount: num(opt(s, 3)),
        unit: opt(s, 4),
        quantity: num(opt(s, 5)),
        nursingHomeStatus: opt(s, 9),
        levelOfCare: opt(s, 10),
      };
    }
    case 'SV3': {
      if (!checkSegment(s, SV3_RULES, ctx.d, ctx.issues, loop)) return undefined;
      const p = procedure(el(s, 1), ctx);
      const teeth = body.filter((t) => t.id === 'TOO').map((t) => el(t, 2)).filter((t) => t !== '');
      return {
        kind: 'dental',
        codeSystem: systemOf(p.qualifier, p.code),
        qualifier: p.qualifier,
        code: p.code,
        modifiers: p.modifiers,
        description: p.description,
        rangeEnd: p.rangeEnd,
        amount: num(opt(s, 2)),
        quantity: num(opt(s, 6)),
        teeth,
      };
    }
    default:
      return undefined;
  }
}

/**
 * A diagnosis code as ICD writes it, with its decimal point (X12 carries codes without it, HI
 * note in the TR3): ICD-10-CM after the third character (G894 → G89.4); ICD-9-CM after the
 * third digit, or the fourth for E codes (41090 → 410.90, E8889 → E888.9).
 */
export function dottedDiagnosisCode(code: string, system: 'ICD-10-CM' | 'ICD-9-CM' | 'other'): string {
  if (system === 'other' || code.includes('.')) return code;
  const at = system === 'ICD-9-CM' && code.startsWith('E') ? 4 : 3;
  return code.length > at ? `${code.slice(0, at)}.${code.slice(at)}` : code;
}

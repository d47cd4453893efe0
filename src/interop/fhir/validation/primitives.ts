/**
 * FHIR R4 primitive data types in JSON (FHIR R4 §2.24.0.1 "Primitive Types", §2.6.2 JSON):
 * which JavaScript type carries each primitive and the regular expression its value must match.
 */

interface PrimitiveRule {
  readonly json: 'string' | 'number' | 'boolean';
  readonly regex?: RegExp;
  readonly integer?: { readonly min: number; readonly max: number };
}

const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const INT32 = { min: -2147483648, max: 2147483647 };

const RULES: Readonly<Record<string, PrimitiveRule>> = {
  boolean: { json: 'boolean' },
  integer: { json: 'number', integer: INT32 },
  positiveInt: { json: 'number', integer: { min: 1, max: INT32.max } },
  unsignedInt: { json: 'number', integer: { min: 0, max: INT32.max } },
  decimal: { json: 'number' },
  string: { json: 'string', regex: /^[ \r\n\t\S]+$/ },
  markdown: { json: 'string', regex: /^[ \r\n\t\S]+$/ },
  xhtml: { json: 'string', regex: /\S/ },
  code: { json: 'string', regex: /^[^\s]+( [^\s]+)*$/ },
  id: { json: 'string', regex: /^[A-Za-z0-9\-.]{1,64}$/ },
  uri: { json: 'string', regex: /^\S*$/ },
  url: { json: 'string', regex: /^\S*$/ },
  canonical: { json: 'string', regex: /^\S*$/ },
  oid: { json: 'string', regex: /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/ },
  uuid: { json: 'string', regex: /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ },
  base64Binary: { json: 'string', regex: /^(\s*([0-9a-zA-Z+/=]){4}\s*)+$/ },
  date: { json: 'string', regex: new RegExp(`^${YEAR}(-${MONTH}(-${DAY})?)?$`) },
  dateTime: { json: 'string', regex: new RegExp(`^${YEAR}(-${MONTH}(-${DAY}(T${TIME}${ZONE})?)?)?$`) },
  instant: { json: 'string', regex: new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${ZONE}$`) },
  time: { json: 'string', regex: new RegExp(`^${TIME}$`) },
  // FHIRPath system types used for `id`, `url` and primitive `value` elements without a FHIR type.
  'System.String': { json: 'string' },
  'System.Boolean': { json: 'boolean' },
  'System.Integer': { json: 'number', integer: INT32 },
  'System.Decimal': { json: 'number' },
};

/** Is `code` a primitive type whose JSON we can check? */
export const isKnownPrimitive = (code: string): boolean => code in RULES;

/**
 * Check a primitive JSON value: `undefined` when valid, else why not. `structure` problems are a
 * wrong JSON type; `value` problems a wrong lexical form or range.
 */
export function checkPrimitive(code: string, value: unknown): { kind: 'structure' | 'value'; message: string } | undefined {
  const rule = RULES[code];
  if (rule === undefined) return undefined;
  if (typeof value !== rule.json) {
    return { kind: 'structure', message: `a ${code} must be a JSON ${rule.json}, found ${Array.isArray(value) ? 'array' : typeof value}` };
  }
  if (rule.integer !== undefined) {
    if (typeof value !== 'number' || !Number.isInteger(value)) return { kind: 'value', message: `${String(value)} is not an integer` };
    if (value < rule.integer.min || value > rule.integer.max) return { kind: 'value', message: `${value} is out of range for ${code}` };
  }
  if (rule.regex !== undefined && typeof value === 'string' && !rule.regex.test(value)) {
    return { kind: 'value', message: `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}" is not a valid ${code}` };
  }
  if ((code === 'date' || code === 'dateTime' || code === 'instant') && typeof value === 'string' && !realCalendarDate(value)) {
    return { kind: 'value', message: `"${value}" is not a real calendar date` };
  }
  return undefined;
}

/** Day-of-month within the month's length (the regex alone accepts 2024-02-31). */
function realCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m === null) return true;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

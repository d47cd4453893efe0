/**
 * Plain-text rendering of a criteria set for public disclosure: Medicare Advantage plans must
 * make internal coverage criteria publicly accessible (42 CFR 422.101(b)(6)) and tell a
 * provider which criteria a decision rested on. Everything a reviewer relies on is in the text:
 * title, version, dates, source and citation, clinical sign-off, each criterion with its citation,
 * how they combine, and the questions asked.
 */
import { formatCodeSpec } from './codes';
import type { CriteriaSet, EnableWhenDef, LogicNode, QuestionnaireItemDef } from './schema';

function wrap(text: string, indent: string, width = 100): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length > 0 && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else {
      line = line.length > 0 ? `${line} ${w}` : w;
    }
  }
  if (line.length > 0) lines.push(indent + line);
  return lines;
}

const LABELS = ['1', 'a', 'i'];
function label(depth: number, n: number): string {
  const kind = LABELS[depth % LABELS.length];
  if (kind === 'a') return String.fromCharCode(97 + (n % 26));
  if (kind === 'i') return ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'][n] ?? String(n + 1);
  return String(n + 1);
}

function renderLogic(set: CriteriaSet, node: LogicNode, depth: number, n: number, out: string[]): void {
  const indent = '  '.repeat(depth + 1);
  const prefix = `${label(depth, n)}. `;
  if (typeof node === 'string') {
    const c = set.criteria.find((x) => x.id === node);
    const text = c ? `${c.text} [${c.citation}] (${c.id})` : node;
    const lines = wrap(text, indent + ' '.repeat(prefix.length));
    out.push(indent + prefix + (lines[0] ?? '').trimStart(), ...lines.slice(1));
    return;
  }
  const all = 'allOf' in node;
  out.push(`${indent}${prefix}${all ? 'All of the following:' : 'At least one of the following:'}`);
  (all ? node.allOf : node.anyOf).forEach((child, i) => renderLogic(set, child, depth + 1, i, out));
}

function answerKind(item: QuestionnaireItemDef): string {
  switch (item.type) {
    case 'boolean': return 'yes / no';
    case 'decimal': return 'a number';
    case 'integer': return 'a whole number';
    case 'date': return 'a date';
    case 'choice':
    case 'open-choice': {
      const options = (item.answerOption ?? []).map((o) => o.valueCoding.display ?? o.valueCoding.code);
      return `${item.repeats ? 'any of' : 'one of'}: ${options.join('; ')}`;
    }
    case 'quantity': return 'a quantity';
    case 'dateTime':
    case 'time':
    case 'string':
    case 'text':
    case 'url':
    case 'attachment':
    case 'reference':
    case 'group':
    case 'display':
      return item.type;
  }
}

function condition(c: EnableWhenDef): string {
  const value = c.answerCoding?.display ?? c.answerCoding?.code ?? c.answerBoolean ?? c.answerDecimal ?? c.answerInteger ?? c.answerDate ?? c.answerString ?? c.answerQuantity?.value;
  return c.operator === 'exists' ? `${c.question} ${c.answerBoolean === false ? 'is unanswered' : 'is answered'}` : `${c.question} ${c.operator} ${String(value)}`;
}

function renderItems(items: readonly QuestionnaireItemDef[], depth: number, out: string[]): void {
  const indent = '  '.repeat(depth + 1);
  for (const item of items) {
    const when = item.enableWhen
      ? ` Asked only when ${item.enableWhen.map(condition).join(item.enableBehavior === 'any' ? ' or ' : ' and ')}.`
      : '';
    if (item.type === 'group' || item.type === 'display') {
      out.push(...wrap(`${item.text ?? item.linkId}${when}`, indent));
      renderItems(item.item ?? [], depth + 1, out);
      continue;
    }
    const text = `- ${item.text ?? item.linkId} (${item.linkId}; ${answerKind(item)}${item.required ? '; required' : ''}).${when}`;
    const lines = wrap(text, `${indent}  `);
    out.push(indent + (lines[0] ?? '').trimStart(), ...lines.slice(1));
  }
}

/** The set as plain text, for the public criteria page and for a provider who asks. */
export function renderCriteriaSetText(set: CriteriaSet): string {
  const out: string[] = [];
  const review = set.clinicallyReviewed;
  out.push(set.title);
  out.push('='.repeat(Math.min(set.title.length, 100)));
  out.push(`Criteria set ${set.id}, version ${set.version} (${set.status}), in force from ${set.effective.from}${set.effective.to ? ` to ${set.effective.to}` : ''}.`);
  out.push(...wrap(`Source: ${set.source.citation}. ${set.source.title}.${set.source.url ? ` ${set.source.url}` : ''}`, ''));
  for (const r of set.source.related ?? []) out.push(...wrap(`See also: ${r}`, '  '));
  out.push(...wrap(review.reviewed
    ? `Clinically reviewed: yes, by ${review.by}, ${review.credentials}, on ${review.on}.${review.statement ? ` ${review.statement}` : ''}`
    : `Clinically reviewed: NO. ${review.statement}`, ''));
  out.push(...wrap(`Applies to: ${set.appliesTo.map(formatCodeSpec).join(', ')}.`, ''));
  if (set.description) out.push('', ...wrap(set.description, ''));
  out.push('', 'Criteria', '--------');
  renderLogic(set, set.logic, 0, 0, out);
  out.push('', 'Questions', '---------');
  renderItems(set.questionnaire.item, 0, out);
  if (set.notes && set.notes.length > 0) {
    out.push('', 'Notes', '-----');
    for (const n of set.notes) {
      const lines = wrap(`- ${n}`, '    ');
      out.push(`  ${(lines[0] ?? '').trimStart()}`, ...lines.slice(1));
    }
  }
  out.push('', 'These criteria never deny a request by themselves: a request that does not meet them goes to a clinical reviewer.');
  return `${out.join('\n')}\n`;
}

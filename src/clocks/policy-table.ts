/**
 * The policies table of docs/clocks.md, generated from the policy data (a test keeps the document
 * in step with the data, as Fastify generates its error docs from the registry).
 */
import type { ClockPolicy, ClockRule, PolicyVersion } from './policy';

function windowText(r: ClockRule): string {
  const w = r.window;
  switch (w.unit) {
    case 'minutes':
      return `${w.amount} min`;
    case 'hours':
      return `${w.amount} h`;
    case 'calendar_days':
      return `${w.amount} cd`;
    case 'business_days':
      return `${w.amount} bd`;
    case 'calendar_days_before_services_end':
      return `${w.amount} cd before services end`;
    case 'close_of_business':
      return `close of business (${w.hour}:00)`;
    case 'staffed_hours':
      return `${w.amount} h in staffed hours`;
  }
}

function anchorText(r: ClockRule): string {
  const a = r.anchor;
  switch (a.kind) {
    case 'receipt':
      return 'receipt';
    case 'necessary_info':
      return 'necessary info';
    case 'event':
      return a.event.replaceAll('_', ' ');
  }
}

function extensionText(r: ClockRule): string {
  const e = r.extension;
  return e.kind === 'forbidden' ? 'none' : `+${e.maxTotalDays} cd${e.maxCount === 1 ? ' (once)' : ''}`;
}

function tollingText(r: ClockRule): string {
  switch (r.tolling.kind) {
    case 'none':
      return 'no';
    case 'not_applicable':
      return 'n/a';
    case 'erisa':
      return r.tolling.requestTakesExtension ? 'yes (+ext)' : 'yes';
    case 'erisa_urgent_incomplete':
      return '24/48/48 h';
  }
}

function conditions(r: ClockRule): string {
  const parts: string[] = [];
  if (r.variant !== undefined) parts.push('procedural failure');
  const w = r.when;
  if (w?.subjectToPriorAuthorization !== undefined) parts.push(w.subjectToPriorAuthorization ? 'PA item' : 'not PA item');
  if (w?.reconsiderationSubjects !== undefined) parts.push(`subject ${w.reconsiderationSubjects.join('/')}`);
  if (w?.concurrentLead !== undefined) parts.push(w.concurrentLead === 'at_least_24h' ? '≥ 24 h before course ends' : '< 24 h before course ends');
  if (w?.withStatusChange === true) parts.push('after status change');
  if (w?.keyDateOnOrAfter !== undefined) parts.push(`from ${w.keyDateOnOrAfter}`);
  return parts.join(', ');
}

const versionText = (v: PolicyVersion): string => `${v.version} (${v.effectiveFrom}${v.effectiveTo === undefined ? ' →' : ` → ${v.effectiveTo}`})`;

/** Markdown: one section per policy, one row per rule of each version. */
export function policiesMarkdown(policies: readonly ClockPolicy[]): string {
  const out: string[] = [];
  for (const p of policies) {
    out.push(`### ${p.title}`, '');
    out.push(`\`${p.id}\` — versions keyed on ${p.versionKey.replaceAll('_', ' ')}; calendar \`${p.calendar}\`${p.fallbacks.length > 0 ? `; falls back to ${p.fallbacks.map((f) => `\`${f}\``).join(', ')}` : ''}.`, '');
    out.push('| version | rule | request types | priority | when | window | from | extension | tolling | missed → | citation |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const v of p.versions) {
      for (const r of v.rules) {
        out.push(
          `| ${versionText(v)} | \`${r.id}\` | ${r.requestTypes.join(', ')} | ${r.priority} | ${conditions(r)} | ${windowText(r)} | ${anchorText(r)} | ${extensionText(r)} | ${tollingText(r)} | ${r.consequence.kind.replaceAll('_', ' ')} | ${r.citation} |`,
        );
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * What a determination rests on (pure). An adverse determination (a denial, or an approval with
 * modifications) must rest on something a reader can look up: the criteria set the line was
 * checked against at intake (the version frozen onto the case, optionally with the criteria not
 * met), and/or a coverage rule or plan policy the reviewer names, with a reference to where it is
 * written (evidence of coverage section, policy number, NCD/LCD). Nothing is invented here: a
 * decision that cites nothing that applies to an adverse line is refused.
 */
import type { ErrorCode, ErrorDetail } from '../platform/errors';
import type { BasisKind } from './model';

/** A criteria set the reviewer cites: one the case was checked against, with the criteria not met. */
export interface CitedCriteriaSet {
  readonly criteriaSetId: string;
  readonly criteriaSetVersion: string;
  readonly criterionIds?: readonly string[];
}

/** A coverage rule or plan policy the reviewer cites, and where it is written. */
export interface CitedRule {
  readonly rule: string;
  readonly reference: string;
}

export interface BasisInput {
  readonly criteria?: readonly CitedCriteriaSet[];
  readonly coverageRule?: CitedRule;
}

/** A line of the case and the criteria-set version frozen onto it at intake (if any), with its criteria. */
export interface CheckedLine {
  readonly lineId: string;
  readonly lineNo: number;
  readonly criteriaSetId: string | null;
  readonly criteriaSetVersion: string | null;
  /** The criteria of the frozen result; empty when the result holds none. */
  readonly criteria: readonly { readonly id: string; readonly outcome: string }[];
}

/** What one line's determination row records. */
export interface LineBasis {
  readonly kind: Extract<BasisKind, 'criteria' | 'coverage_rule' | 'reviewer_judgement'>;
  readonly criteriaSetId: string | null;
  readonly criteriaSetVersion: string | null;
  /** The cited criteria of the set, joined with ", " (as the automation records them). */
  readonly criterionId: string | null;
  readonly coverageRule: string | null;
  readonly coverageRuleReference: string | null;
}

export interface BasisProblem {
  readonly code: ErrorCode;
  readonly detail: ErrorDetail;
}

const key = (setId: string, version: string): string => `${setId}@${version}`;

/**
 * Resolves the cited basis against the case: every cited set must be one of the case's frozen
 * versions and every cited criterion one of that set's criteria; every adverse line must rest on
 * the coverage rule or on the set it was checked against. Returns the problems (empty when the
 * basis holds) and, per decided line, what its row records.
 */
export function resolveBasis(
  input: BasisInput | undefined,
  checked: readonly CheckedLine[],
  decided: readonly { readonly lineId: string; readonly adverse: boolean }[],
): { readonly problems: readonly BasisProblem[]; readonly perLine: ReadonlyMap<string, LineBasis> } {
  const problems: BasisProblem[] = [];
  const caseSets = new Map<string, Set<string>>();
  for (const l of checked) {
    if (l.criteriaSetId === null || l.criteriaSetVersion === null) continue;
    const k = key(l.criteriaSetId, l.criteriaSetVersion);
    const ids = caseSets.get(k) ?? new Set<string>();
    for (const c of l.criteria) ids.add(c.id);
    caseSets.set(k, ids);
  }

  const cited = new Map<string, CitedCriteriaSet>();
  (input?.criteria ?? []).forEach((c, i) => {
    const k = key(c.criteriaSetId, c.criteriaSetVersion);
    const known = caseSets.get(k);
    if (known === undefined) {
      const sets = [...caseSets.keys()];
      problems.push({
        code: 'UM_ERR_BASIS_UNKNOWN',
        detail: { path: `basis/criteria/${i}`, message: `${k} is not a criteria set this case was checked against${sets.length === 0 ? ' (it was checked against none)' : ` (it was checked against ${sets.join(', ')})`}` },
      });
      return;
    }
    (c.criterionIds ?? []).forEach((id, j) => {
      if (known.size > 0 && !known.has(id)) problems.push({ code: 'UM_ERR_BASIS_UNKNOWN', detail: { path: `basis/criteria/${i}/criterionIds/${j}`, message: `"${id}" is not a criterion of ${k}` } });
    });
    cited.set(k, c);
  });

  const rule = input?.coverageRule;
  const ruleText = rule?.rule.trim() ?? '';
  const ruleRef = rule?.reference.trim() ?? '';
  if (rule !== undefined && (ruleText === '' || ruleRef === '')) {
    problems.push({ code: 'UM_ERR_BASIS_REQUIRED', detail: { path: ruleText === '' ? 'basis/coverageRule/rule' : 'basis/coverageRule/reference', message: 'a coverage rule or plan policy needs its name and a reference to where it is written' } });
  }
  const hasRule = rule !== undefined && ruleText !== '' && ruleRef !== '';

  const byLine = new Map(checked.map((l) => [l.lineId, l]));
  const perLine = new Map<string, LineBasis>();
  for (const d of decided) {
    const line = byLine.get(d.lineId);
    const own = line === undefined || line.criteriaSetId === null || line.criteriaSetVersion === null ? null : key(line.criteriaSetId, line.criteriaSetVersion);
    const set = own === null ? undefined : cited.get(own);
    if (set !== undefined) {
      perLine.set(d.lineId, {
        kind: 'criteria',
        criteriaSetId: set.criteriaSetId,
        criteriaSetVersion: set.criteriaSetVersion,
        criterionId: (set.criterionIds ?? []).length === 0 ? null : (set.criterionIds ?? []).join(', '),
        coverageRule: hasRule ? ruleText : null,
        coverageRuleReference: hasRule ? ruleRef : null,
      });
    } else if (hasRule) {
      perLine.set(d.lineId, { kind: 'coverage_rule', criteriaSetId: null, criteriaSetVersion: null, criterionId: null, coverageRule: ruleText, coverageRuleReference: ruleRef });
    } else if (d.adverse) {
      const lineNo = line?.lineNo ?? '?';
      problems.push({
        code: 'UM_ERR_BASIS_REQUIRED',
        detail: {
          path: 'basis',
          message:
            own === null
              ? `line ${lineNo} was not checked against criteria: cite the coverage rule or plan policy the decision rests on, with its reference`
              : `line ${lineNo}: cite the criteria set it was checked against (${own}) or a coverage rule or plan policy, with its reference`,
        },
      });
    } else {
      perLine.set(d.lineId, { kind: 'reviewer_judgement', criteriaSetId: null, criteriaSetVersion: null, criterionId: null, coverageRule: null, coverageRuleReference: null });
    }
  }
  return { problems, perLine };
}

/** A stored basis as a reader sees it (the letter, the case page). */
export interface StoredBasis {
  readonly criteriaSetId: string | null;
  readonly criteriaSetVersion: string | null;
  readonly criterionId: string | null;
  readonly coverageRule: string | null;
  readonly coverageRuleReference: string | null;
}

/**
 * One sentence naming everything the given determinations rest on, each source once: the criteria
 * sets (with their title where known, and the criteria cited) and the coverage rules with their
 * references.
 */
export function describeBasis(rows: readonly StoredBasis[], titles: ReadonlyMap<string, string> = new Map()): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.criteriaSetId !== null) {
      const k = `set:${r.criteriaSetId}@${r.criteriaSetVersion ?? ''}:${r.criterionId ?? ''}`;
      if (!seen.has(k)) {
        seen.add(k);
        const title = titles.get(key(r.criteriaSetId, r.criteriaSetVersion ?? ''));
        parts.push(
          `${title === undefined ? 'the criteria set' : `the criteria "${title}"`} (${r.criteriaSetId}, version ${r.criteriaSetVersion ?? '?'})${r.criterionId === null ? '' : `, criteria cited: ${r.criterionId}`}`,
        );
      }
    }
    if (r.coverageRule !== null) {
      const k = `rule:${r.coverageRule}:${r.coverageRuleReference ?? ''}`;
      if (!seen.has(k)) {
        seen.add(k);
        parts.push(`${r.coverageRule}${r.coverageRuleReference === null ? '' : ` (${r.coverageRuleReference})`}`);
      }
    }
  }
  if (parts.length === 0) return '';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('; ')}; and ${parts.at(-1)!}`;
}

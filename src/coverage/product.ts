/**
 * Which PA-list rules apply to a member's product (pure). A rule's `product` names the product
 * the way plans write it; a coverage span answers to several names: its plan benefit package
 * (`H7001-001`), its product type (`HMO`, `PPO`), its line of business (`MEDICARE_ADVANTAGE`,
 * `COMMERCIAL`, …), and the short form line-of-business + product type (`MA-PPO`, `MCD-HMO`,
 * `COM-PPO`). Names compare without regard to case.
 */
import { matchRequirement, type PaRule, type RequirementDecision, type RequirementQuery } from '../criteria';

export interface CoverageProduct {
  readonly pbp: string | null;
  readonly productType: string;
  readonly lineOfBusiness: string;
}

const LOB_SHORT: Readonly<Record<string, string>> = { medicare_advantage: 'MA', medicaid: 'MCD', chip: 'CHIP', commercial: 'COM', qhp: 'QHP' };

/** Every name the coverage's product answers to, upper case. */
export function productKeys(c: CoverageProduct): string[] {
  const keys = [c.productType, c.lineOfBusiness, `${LOB_SHORT[c.lineOfBusiness] ?? c.lineOfBusiness}-${c.productType}`];
  if (c.pbp !== null && c.pbp !== '') keys.push(c.pbp);
  return [...new Set(keys.map((k) => k.trim().toUpperCase()))];
}

const MATCHED = '\u0000coverage-product';

/**
 * `matchRequirement` for a member's coverage: rules naming another product are left out, rules
 * naming one of the coverage's products count as a product match (for precedence), and the rule
 * that decided is returned as written.
 */
export function matchForCoverage(rules: readonly PaRule[], query: Omit<RequirementQuery, 'product'>, product: CoverageProduct | null): RequirementDecision {
  const keys = new Set(product === null ? [] : productKeys(product));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const eligible = rules.flatMap((r) => {
    if (r.product === undefined) return [r];
    return keys.has(r.product.trim().toUpperCase()) ? [{ ...r, product: MATCHED }] : [];
  });
  const decision = matchRequirement(eligible, { ...query, ...(product === null ? {} : { product: MATCHED }) });
  const { product: _matched, ...asked } = decision.query;
  if (decision.decidedBy.kind !== 'rule') return { ...decision, query: asked };
  const original = byId.get(decision.decidedBy.rule.id) ?? decision.decidedBy.rule;
  return { ...decision, query: asked, decidedBy: { ...decision.decidedBy, rule: original } };
}

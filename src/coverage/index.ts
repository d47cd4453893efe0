/**
 * Coverage rules in the database and the automatic decisions at intake: the public surface.
 * The pure rules (PA-list matching, criteria evaluation, gold carding, the decision order) are
 * in src/criteria; this capability stores them, answers over HTTP and acts on new cases.
 *
 * For other channels (Da Vinci CRD / DTR / PAS, X12):
 * - "is authorization required?" → `requirementsFor(q, tenantId, lookup, catalog)`;
 * - "which criteria set and Questionnaire for a code?" → `criteriaForCode(q, tenantId, catalog, code, date)`;
 * - answers travel on the intake request (`IntakeRequest.lines[].answers` or `.answers`), and the
 *   automation registered on case `created` events decides.
 */
export { createCoverageAutomation, type AutomationDeps } from './automation';
export {
  createCriteriaCatalog, inForceOn, listSetVersions, readSetVersion, setActivation, setHash, storeCriteriaSets,
  type CriteriaCatalog, type CriteriaSetMeta, type LoadReport,
} from './criteria-store';
export { criteriaForCode, type CodeCriteria } from './code-criteria';
export { goldCardProvider, requirementsFor, type RequirementAnswer, type RequirementBasis, type RequirementItem, type RequirementLookup } from './requirements';
export { matchForCoverage, productKeys, type CoverageProduct } from './product';
export { currentRules, hasPaList, retirePaRule, ruleHistory, rulesForContract, savePaRule, type ChangeContext, type SaveResult } from './pa-store';
export { ruleView, type PaRuleView } from './pa-rows';
export { importPaList, type PaImportOptions, type PaImportReport } from './pa-import';
export { activeExemption, evaluateTenant, exemptionsInForce, paHistory, recomputeExemptions, type RecomputeReport } from './gold-card-store';
export { coverageSettings, type CoverageSettings } from './settings';
export { criteriaForCase, duplicatesForCase } from './case-view';
export { flagDuplicates, periodsOverlap } from './duplicates';
export { fulfilCriteriaRequest, listCriteriaRequests, logCriteriaRequest, setsCitedByCase } from './disclosure';
export { QuestionnaireResponseBody } from './qr-schema';
export { coverageRoutes } from './routes';
export { coverageJobs, GOLD_CARD_JOB } from './jobs';
export { registerCoverageCommands } from './cli';

/**
 * Coverage rules and medical-necessity criteria: the public surface of the criteria capability.
 * Everything here is pure except `loadCriteriaSets` (reads criteria-set files) and the CLI.
 */
export type {
  AdministrativeSex, AnswerMap, AnswerProblem, AnswerProblemKind, AnswerValue, CriterionOutcome, EvaluationContext,
  IsoDate, MemberFacts, ServiceCodeSystem, ServiceLineFacts, UnitType,
} from './types';
export type { ClinicalReview, CriteriaSet, CriteriaSource, CriterionDef, LogicNode, QuestionnaireDef, QuestionnaireItemDef } from './schema';
export { CriteriaSetSchema } from './schema';
export { parseCriteriaSet } from './validate';
export { loadCriteriaSets } from './loader';
export { compileCriteriaSet, evaluateCriteria, type CompiledCriteriaSet, type CriteriaEvaluation, type CriterionResult } from './engine';
export { decisiveCriteria, blockingCriteria, type LogicResult } from './logic';
export { createCriteriaRegistry, createCompiledSetCache, compareVersions, type CriteriaRegistry, type CompiledSetCache } from './registry';
export {
  evaluateForAutomation, referral, DEFAULT_AUTOMATION_POLICY,
  type AutomationPolicy, type AutomationResult, type CriteriaBasis, type ReferralCode, type ReferralReason,
} from './automation';
export { renderCriteriaSetText } from './render';
export { toDtrQuestionnaire, DTR_STD_QUESTIONNAIRE } from './dtr';
export { normalizeCode, normalizeIcd10, formatCodeSpec, codeInSpec, isServiceCodeSystem, SERVICE_CODE_SYSTEMS, type CodeSpec } from './codes';
export { diffCriteriaSets, type CriteriaSetDiff, type ElementChange, type FieldChange } from './diff';
export {
  createPaRule, matchRequirement, matchRequirements, compareRulePrecedence, DEFAULT_VALIDITY, DEFAULT_WINDOW_DAYS,
  EMERGENCY_CITATION, EMERGENCY_CODES, EMERGENCY_PLACES_OF_SERVICE, URGENT_CARE_CODES, URGENT_CARE_PLACES_OF_SERVICE,
  type ApprovalValidity, type DecidedBy, type NetworkStatus, type PaRule, type Requirement, type RequirementDecision, type RequirementQuery,
} from './pa-rules';
export { computeValidityPeriod, type ValidityInput, type ValidityPeriod } from './pa-validity';
export { parsePaListCsv, parsePaListCsvStrict, paRuleFromRow, PA_LIST_COLUMNS, type PaListParseResult, type PaListRowError } from './pa-csv';
export {
  computeExemptions, evaluateGoldCard, findExemption, TEXAS_GOLD_CARD_POLICY,
  type GoldCardEvaluation, type GoldCardExemption, type GoldCardPolicy, type PaHistoryEntry, type ProviderKeyKind,
} from './gold-card';
export { decideIntake, type ApprovalBasis, type EligibilityResult, type GoldCardBasis, type IntakeDecisionInput, type IntakeOutcome } from './intake-decision';
export { registerCriteriaCommands } from './cli';

/**
 * One request per shipped set whose answers meet every criterion the set requires, at the
 * thresholds of the cited text. Used by the property test (as a seed for mutations) and the
 * benchmark. The per-set tests walk through the thresholds one by one.
 */
import type { ContextOverrides } from '../test-support';

export const MET_EXAMPLES: Readonly<Record<string, ContextOverrides>> = {
  'ncd-240.2-home-oxygen': {
    answers: { test_qualified: true, test_timing: 'time-of-need', po2_rest: 55 },
  },
  'ncd-240.4-cpap-osa': {
    answers: { request_type: 'initial-trial', clinical_evaluation: true, test_type: 'psg-lab', test_ordered: true, index_value: 15, sleep_hours: 6 },
  },
  'ncd-280.3-power-mobility': {
    line: { codeSystem: 'HCPCS', code: 'K0823' },
    answers: {
      mobility_limitation: true, other_conditions: false, capable_willing: true, cane_walker_sufficient: false,
      environment_supports: true, manual_wheelchair_sufficient: false, scooter_operable: false, power_wheelchair_features_needed: true,
    },
  },
  'ncd-100.1-bariatric-surgery': {
    answers: { bmi: 35, comorbidities: ['type-2-diabetes'], prior_medical_treatment: true },
  },
  'cfr-410.49-cardiac-rehab': {
    line: { units: 36 },
    answers: { conditions: ['acute-mi'], mi_date: '2024-09-01', treatment_plan: true },
  },
  'ncd-20.29-hyperbaric-oxygen': {
    line: { units: 30 },
    answers: { condition: 'diabetic-wound', diabetes_wound: true, wagner_grade: '3', standard_care_days: 30, standard_care_complete: true, request_phase: 'initial' },
  },
  'ncd-20.32-tavr': {
    answers: {
      symptomatic_stenosis: true, fda_system: true, surgeon_examined: true, cardiologist_examined: true, rationale_documented: true,
      joint_participation: true, onsite_programs: true, post_procedure_icu: true, tavr_experience: 'existing',
      avr_last_year: 50, tavr_last_year: 20, cardiac_surgeons: 2, interventional_cardiologists: 1, pci_per_year: 300, registry: true,
    },
  },
  'cfr-412.3-inpatient-two-midnight': {
    line: { unitType: 'days', units: 3 },
    answers: { admission_order: true, midnights_already: 1, midnights_expected: 1, expectation_documented: true, inpatient_only: false },
  },
  'cfr-409.31-snf-level-of-care': {
    line: { unitType: 'days', units: 20 },
    answers: {
      hospital_midnights: 3, hospital_discharge_date: '2025-03-02', physician_ordered: true, skilled_services: ['nursing'],
      nursing_days_per_week: 7, practical_matter: true,
    },
  },
  'cfr-410.61-outpatient-pt': {
    line: { unitType: 'visits', units: 12, to: '2025-05-31' },
    answers: {
      plan_established_by: 'physician', plan_contents: true, plan_certified: true, first_treatment_date: '2025-03-03',
      certification_date: '2025-03-03', skilled_need: true, therapy_goal: 'maintenance',
    },
  },
};

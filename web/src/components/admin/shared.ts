import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export interface Organisation {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
}

export function useOrganisations() {
  return useQuery({ queryKey: ['organisations'], queryFn: () => api<{ items: Organisation[] }>('GET', '/api/organisations') });
}

export const ROLES = ['intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals', 'provider', 'admin', 'auditor'];
export const LINES_OF_BUSINESS = ['medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp'];
export const SERVICE_GROUPS = ['professional', 'inpatient_facility', 'outpatient_facility', 'snf', 'home_health', 'hospice', 'dme', 'part_b_drug', 'outpatient_drug', 'behavioral_health', 'radiology', 'laboratory', 'therapy', 'dialysis', 'transplant', 'ambulance', 'other'];
export const words = (s: string): string => s.replace(/_/g, ' ');

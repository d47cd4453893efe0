import { describe, expect, it } from 'vitest';
import { classifyServiceGroup } from './service-groups';

describe('classifyServiceGroup', () => {
  it.each([
    [{ codeSystem: 'CPT', code: '99213' }, 'professional'],
    [{ codeSystem: 'CPT', code: '27447' }, 'professional'],
    [{ codeSystem: 'CPT', code: '70551' }, 'radiology'],
    [{ codeSystem: 'CPT', code: '97110' }, 'therapy'],
    [{ codeSystem: 'CPT', code: '50360' }, 'transplant'],
    [{ codeSystem: 'HCPCS', code: 'E0601' }, 'dme'],
    [{ codeSystem: 'HCPCS', code: 'E1390' }, 'dme'],
    [{ codeSystem: 'HCPCS', code: 'J9271', partB: true }, 'part_b_drug'],
    [{ codeSystem: 'HCPCS', code: 'J9271', partB: false }, 'outpatient_drug'],
    [{ codeSystem: 'HCPCS', code: 'A0426' }, 'ambulance'],
    [{ codeSystem: 'HCPCS', code: 'G0151' }, 'home_health'],
    [{ codeSystem: 'NDC', code: '00006-3026-02', partB: true }, 'part_b_drug'],
    [{ codeSystem: 'NDC', code: '00006-3026-02' }, 'outpatient_drug'],
    [{ codeSystem: 'REV', code: '0120', placeOfService: '21' }, 'inpatient_facility'],
    [{ codeSystem: 'REV', code: '0022' }, 'snf'],
    [{ codeSystem: 'REV', code: '0360', placeOfService: '22' }, 'outpatient_facility'],
    [{ codeSystem: 'REV', code: '0360', placeOfService: '21' }, 'inpatient_facility'],
    [{ codeSystem: 'REV', code: '0360', placeOfService: '31' }, 'snf'],
  ] as const)('%j → %s', (line, expected) => {
    expect(classifyServiceGroup(line)).toBe(expected);
  });
});

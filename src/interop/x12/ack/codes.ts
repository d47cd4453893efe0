/**
 * Code values of the acknowledgments: TA1 (X12.5 interchange acknowledgment, element I18) and
 * the 999 implementation acknowledgment (005010X231A1: IK304 element 620, IK403 element 621,
 * IK501/AK901 acknowledgment codes, IK502 element 618, AK905 element 716). Only the codes
 * OpenUM emits are listed; the names follow the X12 code lists.
 */

/** TA105 interchange note codes. */
export const TA1_NOTE = {
  '000': 'No error',
  '001': 'The Interchange Control Number in the Header and Trailer Do Not Match',
  '004': 'The Segment Terminator is Invalid',
  '005': 'Invalid Interchange ID Qualifier for Sender',
  '006': 'Invalid Interchange Sender ID',
  '007': 'Invalid Interchange ID Qualifier for Receiver',
  '008': 'Invalid Interchange Receiver ID',
  '010': 'Invalid Authorization Information Qualifier Value',
  '011': 'Invalid Authorization Information Value',
  '012': 'Invalid Security Information Qualifier Value',
  '013': 'Invalid Security Information Value',
  '014': 'Invalid Interchange Date Value',
  '015': 'Invalid Interchange Time Value',
  '017': 'Invalid Interchange Version ID Value',
  '018': 'Invalid Interchange Control Number Value',
  '019': 'Invalid Acknowledgment Requested Value',
  '020': 'Invalid Test Indicator Value',
  '021': 'Invalid Number of Included Groups Value',
  '022': 'Invalid Control Structure',
  '023': 'Improper (Premature) End-of-File (Transmission)',
  '024': 'Invalid Interchange Content (e.g., Invalid GS Segment)',
  '026': 'Invalid Data Element Separator',
  '027': 'Invalid Component Element Separator',
} as const;
export type Ta1NoteCode = keyof typeof TA1_NOTE;

/** IK304 implementation segment syntax error codes. */
export const SEGMENT_ERROR = {
  '1': 'Unrecognized segment ID',
  '2': 'Unexpected segment',
  '3': 'Required Segment Missing',
  '4': 'Loop Occurs Over Maximum Times',
  '5': 'Segment Exceeds Maximum Use',
  '7': 'Segment Not in Proper Sequence',
  '8': 'Segment Has Data Element Errors',
  I4: 'Implementation "Not Used" Segment Present',
  I6: 'Implementation Dependent Segment Missing',
  I7: 'Implementation Loop Occurs Under Minimum Times',
} as const;
export type SegmentErrorCode = keyof typeof SEGMENT_ERROR;

/** IK403 implementation data element syntax error codes. */
export const ELEMENT_ERROR = {
  '1': 'Required Data Element Missing',
  '2': 'Conditional Required Data Element Missing',
  '3': 'Too Many Data Elements',
  '4': 'Data Element Too Short',
  '5': 'Data Element Too Long',
  '6': 'Invalid Character In Data Element',
  '7': 'Invalid Code Value',
  '8': 'Invalid Date',
  '9': 'Invalid Time',
  '10': 'Exclusion Condition Violated',
  '12': 'Too Many Repetitions',
  '13': 'Too Many Components',
  I6: 'Code Value Not Used in Implementation',
  I9: 'Implementation Dependent Data Element Missing',
  I10: 'Implementation "Not Used" Data Element Present',
  I12: 'Implementation Pattern Match Failure',
} as const;
export type ElementErrorCode = keyof typeof ELEMENT_ERROR;

/** IK502-IK506 implementation transaction set syntax error codes. */
export const TRANSACTION_ERROR = {
  '1': 'Transaction Set Not Supported',
  '2': 'Transaction Set Trailer Missing',
  '3': 'Transaction Set Control Number in Header and Trailer Do Not Match',
  '4': 'Number of Included Segments Does Not Match Actual Count',
  '5': 'One or More Segments in Error',
  '6': 'Missing or Invalid Transaction Set Identifier',
  '7': 'Missing or Invalid Transaction Set Control Number',
  '23': 'Transaction Set Control Number Not Unique within the Functional Group',
  I5: 'Implementation One or More Segments in Error',
  I6: 'Implementation Convention Not Supported',
} as const;
export type TransactionErrorCode = keyof typeof TRANSACTION_ERROR;

/** AK905-AK909 functional group syntax error codes. */
export const GROUP_ERROR = {
  '1': 'Functional Group Not Supported',
  '2': 'Functional Group Version Not Supported',
  '3': 'Functional Group Trailer Missing',
  '4': 'Group Control Number in the Functional Group Header and Trailer Do Not Agree',
  '5': 'Number of Included Transaction Sets Does Not Match Actual Count',
  '6': 'Group Control Number Violates Syntax',
  '19': 'Functional Group Control Number not Unique within Interchange',
} as const;
export type GroupErrorCode = keyof typeof GROUP_ERROR;

/** IK501: A accepted, E accepted with errors noted, R rejected. */
export type TransactionAckCode = 'A' | 'E' | 'R';
/** AK901: A, E, P (partially accepted: at least one set rejected), R. */
export type GroupAckCode = 'A' | 'E' | 'P' | 'R';
/** TA104: A accepted, E accepted with errors, R rejected. */
export type InterchangeAckCode = 'A' | 'E' | 'R';

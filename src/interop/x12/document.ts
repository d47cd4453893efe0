import type { EligibilityInquiry, EligibilityResponse } from './tx270/types';
import type { ServicesReviewResponse } from './tx278/response-types';
import type { ServicesReviewInquiry, ServicesReviewRequest } from './tx278/types';
import type { EnrollmentSummary } from './tx834/types';

/** A transaction set read into its typed form. */
export type X12Document =
  | ServicesReviewRequest
  | ServicesReviewInquiry
  | ServicesReviewResponse
  | EligibilityInquiry
  | EligibilityResponse
  | EnrollmentSummary;

/** '278-request' | '278-inquiry' | '278-response' | '270' | '271' | '834'. */
export type DocumentKind = X12Document['kind'];

import type { SetHandlerFactory } from './envelope/handler';
import { eligibilityInquiryHandler, eligibilityResponseHandler } from './tx270/read';
import { servicesReviewHandler, servicesReviewInquiryHandler } from './tx278/request';
import { enrollmentHandler } from './tx834/handler';

/** Reader of each transaction set, by `ST01:implementation` (ST03, or GS08 when ST03 is missing). */
export const ROUTES: Readonly<Record<string, SetHandlerFactory>> = {
  '278:005010X217': servicesReviewHandler,
  '278:005010X215': servicesReviewInquiryHandler,
  '270:005010X279A1': eligibilityInquiryHandler,
  '271:005010X279A1': eligibilityResponseHandler,
  '834:005010X220A1': enrollmentHandler,
};

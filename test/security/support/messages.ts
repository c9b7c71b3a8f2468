// The exact refusal texts the security suites expect, written out rather than imported from the
// code that sends them: a changed or emptied message must fail these suites.
export const SIGN_IN_LIMITED = 'Too Many Requests: too many failed sign-in attempts, try again later';
export const BAD_HOST = 'Bad Request: malformed Host header';
export const BAD_TARGET = 'Bad Request: request target must be a path';
export const SESSION_NOT_FOUND = 'Not Found: Session not found';
export const CROSS_ORIGIN_MESSAGE = 'Forbidden: Cross-origin request refused';

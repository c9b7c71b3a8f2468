// Errors that mean "the database cannot be reached right now", as opposed to a bad query.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const CONNECTION_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /connection is closed/i,
  /Query read timeout/i,
  /terminating connection/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && CONNECTION_CODES.has(err.code)) return true;
    if (typeof err.message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(err.message as string))) return true;
    e = err.driverError ?? err.cause;
  }
  return false;
}

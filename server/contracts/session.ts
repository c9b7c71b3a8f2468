// The signed-in user's sessions (one per device or browser), and the password rule both sides check.

/** The shortest password the server accepts; the forms check it first to answer at once. */
export const MIN_PASSWORD_LENGTH = 8;

/** One entry of GET /api/sessions. No token: a session is named by its id. */
export interface SessionDto {
  id: string;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  /** The session this request was made with. */
  current: boolean;
}

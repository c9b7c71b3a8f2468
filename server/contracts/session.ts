// The signed-in user's sessions (one per device or browser). Types only.

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

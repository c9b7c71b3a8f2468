// Public, unauthenticated facts the client needs before sign-in. Types only.

/** GET /api/public-config */
export interface PublicConfigResponse {
  allowSignup: boolean;
  demoMode: boolean;
  /** Anyone signed in may create a workspace (ALLOW_WORKSPACE_CREATION); operators always may. */
  allowWorkspaceCreation: boolean;
  /** "Forgot password" works: the server sends reset links by email (SMTP_URL is set). */
  passwordReset: boolean;
}

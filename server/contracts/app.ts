// Public, unauthenticated facts the client needs before sign-in. Types only.

/** GET /api/public-config */
export interface PublicConfigResponse {
  allowSignup: boolean;
  demoMode: boolean;
}

/** What our side knows about one HTTP request handed to Better Auth. */
export interface AuthRequestState {
  /** The client address as Fastify resolved it (TRUST_PROXY applied). */
  clientIp: string;
  /** Where links sent because of this request point (see publicOrigin). */
  publicOrigin: string;
  /** The attempt took a sign-in point (see SignInLimiter). */
  signInCounted: boolean;
  /** Frees the sign-up slot the request holds, if any. */
  releaseSignUp?: () => void;
}

/**
 * Carries per-request state from the Fastify route into Better Auth's hooks, which see the same Web
 * `Request` object. Calls without a request (the demo seed, the admin CLI) have no state.
 */
export class AuthRequests {
  private readonly states = new WeakMap<Request, AuthRequestState>();

  open(request: Request, clientIp: string, publicOrigin: string): AuthRequestState {
    const state: AuthRequestState = { clientIp, publicOrigin, signInCounted: false };
    this.states.set(request, state);
    return state;
  }

  of(request: Request | undefined): AuthRequestState | undefined {
    return request ? this.states.get(request) : undefined;
  }
}

import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** A platform operator (the console at /admin). Only decides what the client offers; the server checks. */
  isOperator?: boolean;
}

/** The parts of Better Auth's get-session / sign-in answers this app reads. */
interface UserBody {
  id: string;
  email: string;
  name?: string | null;
  isOperator?: boolean | null;
}
type SessionBody = { user?: UserBody | null } | null;

type AuthStatus = 'unknown' | 'signed-in' | 'signed-out';

const AUTH = '/api/auth';

function toUser(body: UserBody): SessionUser {
  return {
    id: body.id,
    email: body.email,
    name: body.name?.trim() || body.email,
    isOperator: body.isOperator === true,
  };
}

/**
 * Who is signed in, as told by Better Auth. The session itself lives in an http-only cookie the browser
 * sends on its own; this store only remembers the answer so guards do not ask on every navigation.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<{ status: AuthStatus; user: SessionUser | null }>({
    status: 'unknown',
    user: null,
  });
  private pending: Promise<SessionUser | null> | null = null;
  // Bumped by clear(), so an answer that arrives after a sign-out cannot resurrect the old user.
  private generation = 0;

  readonly user = computed(() => this.state().user);
  readonly status = computed(() => this.state().status);
  readonly isOperator = computed(() => this.state().user?.isOperator === true);

  /** Resolves the signed-in user, asking the server only when the answer is not known yet. */
  loadSession(): Promise<SessionUser | null> {
    const { status, user } = this.state();
    if (status !== 'unknown') {
      return Promise.resolve(user);
    }
    this.pending ??= this.fetchSession().finally(() => (this.pending = null));
    return this.pending;
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    const body = await firstValueFrom(this.http.post<SessionBody>(`${AUTH}/sign-in/email`, { email, password }));
    return this.acceptSignedInBody(body);
  }

  /**
   * Creates the account; resolves the user when Better Auth signed them in straight away, else null.
   * An invitation token lets the invited address sign up even where sign-up is otherwise closed.
   */
  async signUp(name: string, email: string, password: string, invitationToken?: string): Promise<SessionUser | null> {
    const request = invitationToken ? { name, email, password, invitationToken } : { name, email, password };
    const body = await firstValueFrom(this.http.post<SessionBody>(`${AUTH}/sign-up/email`, request));
    if (body?.user) {
      // Sign-up only signs in when no email verification is required; the server decides, so ask it.
      this.forget();
      return this.loadSession();
    }
    return null;
  }

  async signOut(): Promise<void> {
    await firstValueFrom(this.http.post(`${AUTH}/sign-out`, {}));
  }

  async changePassword(currentPassword: string, newPassword: string, revokeOtherSessions: boolean): Promise<void> {
    await firstValueFrom(
      this.http.post(`${AUTH}/change-password`, { currentPassword, newPassword, revokeOtherSessions }),
    );
  }

  /**
   * Asks for a reset link by email. The answer is the same whether or not the address has an account;
   * the link leads through Better Auth back to `redirectTo` with a token (or `?error=INVALID_TOKEN`).
   */
  async requestPasswordReset(email: string, redirectTo: string): Promise<void> {
    await firstValueFrom(this.http.post(`${AUTH}/request-password-reset`, { email, redirectTo }));
  }

  /** Sets a new password with the token of a reset link. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    await firstValueFrom(this.http.post(`${AUTH}/reset-password`, { token, newPassword }));
  }

  /** Forgets the user; the next guard asks the server again. */
  clear(): void {
    this.forget();
  }

  private forget(): void {
    this.generation++;
    this.pending = null;
    this.state.set({ status: 'unknown', user: null });
  }

  private async acceptSignedInBody(body: SessionBody): Promise<SessionUser> {
    if (body?.user) {
      const user = toUser(body.user);
      this.generation++;
      this.state.set({ status: 'signed-in', user });
      return user;
    }
    this.forget();
    const user = await this.loadSession();
    if (!user) {
      throw new Error('Signed in, but the server did not return a session.');
    }
    return user;
  }

  private async fetchSession(): Promise<SessionUser | null> {
    const generation = this.generation;
    const body = await firstValueFrom(this.http.get<SessionBody>(`${AUTH}/get-session`, { cache: 'no-store' }));
    const user = body?.user ? toUser(body.user) : null;
    if (generation === this.generation) {
      this.state.set({ status: user ? 'signed-in' : 'signed-out', user });
    }
    return user;
  }
}

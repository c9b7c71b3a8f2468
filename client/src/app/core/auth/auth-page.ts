import { Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { PublicConfigStore } from '../config/public-config-store';
import { inputValue, isEmail } from '../ui/form-values';
import { Icon } from '../ui/icon';
import { authErrorMessage } from './auth-errors';
import { AuthStore } from './auth-store';
import { ClientSession } from './client-session';
import { safeReturnUrl } from './return-url';
import { MIN_PASSWORD_LENGTH } from '@contracts/session';
import { shortPasswordProblem } from './password-rules';

export type AuthMode = 'sign-in' | 'sign-up';

/** The demo server's account, shown on the sign-in page only in demo mode. */
export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'demo-password';

/** Better Auth's default minimum password length. */

/** The sign-in page, and the sign-up page when the server allows it (the route says which). */
@Component({
  selector: 'cv-auth-page',
  imports: [RouterLink, Icon],
  templateUrl: './auth-page.html',
  styleUrl: './auth-page.css',
})
export class AuthPage {
  /** Bound from the route's data. */
  readonly mode = input<AuthMode>('sign-in');
  /** Bound from the query string. */
  readonly returnUrl = input<string | undefined>(undefined);
  /** Bound from the query string: the token of the invitation being accepted, sent along with the sign-up. */
  readonly invitation = input<string | undefined>(undefined);
  /** Bound from the query string: the invited address, filled in for the user. */
  readonly invitedEmail = input<string | undefined>(undefined);

  protected readonly config = inject(PublicConfigStore);
  private readonly auth = inject(AuthStore);
  private readonly session = inject(ClientSession);
  private readonly router = inject(Router);

  protected readonly name = signal('');
  protected readonly email = linkedSignal(() => this.invitedEmail() ?? '');
  protected readonly password = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly isSignUp = computed(() => this.mode() === 'sign-up');
  protected readonly demo = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly inputValue = inputValue;

  constructor() {
    void this.config.load();
  }

  protected fillDemoCredentials(): void {
    this.email.set(DEMO_EMAIL);
    this.password.set(DEMO_PASSWORD);
    this.error.set(null);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) {
      return;
    }
    const problem = this.validate();
    this.error.set(problem);
    if (problem) {
      return;
    }
    this.busy.set(true);
    try {
      // Nothing remembered from an earlier session may leak into this one.
      this.session.clear();
      const signedIn = await this.send();
      if (signedIn) {
        await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      } else {
        this.error.set('Your account was created. Confirm your email address, then sign in.');
      }
    } catch (error) {
      this.error.set(authErrorMessage(error, this.mode()));
    } finally {
      this.busy.set(false);
    }
  }

  private async send(): Promise<boolean> {
    const email = this.email().trim();
    if (this.isSignUp()) {
      return (await this.auth.signUp(this.name().trim(), email, this.password(), this.invitation())) !== null;
    }
    await this.auth.signIn(email, this.password());
    return true;
  }

  private validate(): string | null {
    const email = this.email().trim();
    if (this.isSignUp() && !this.name().trim()) {
      return 'Enter your name.';
    }
    if (!email || !isEmail(email)) {
      return 'Enter a valid email address.';
    }
    if (!this.password()) {
      return 'Enter your password.';
    }
    return this.isSignUp() ? shortPasswordProblem(this.password()) : null;
  }
}

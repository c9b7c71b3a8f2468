import { Component, inject, input, linkedSignal, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FocusOnLoad } from '../ui/focus-on-load';
import { Icon } from '../ui/icon';
import { inputValue, isEmail } from '../ui/form-values';
import { authErrorMessage } from './auth-errors';
import { AuthStore } from './auth-store';

/** Where the emailed link brings the user back to (Better Auth adds `?token=…`). */
export const RESET_PASSWORD_PATH = '/reset-password';

/** /forgot-password: asks for a reset link by email. Says the same whether the address has an account or not. */
@Component({
  selector: 'cv-forgot-password-page',
  imports: [RouterLink, Icon, FocusOnLoad],
  templateUrl: './forgot-password-page.html',
  styleUrl: './auth-page.css',
})
export class ForgotPasswordPage {
  /** Bound from the query string: the sign-in page passes what was typed there. */
  readonly email = input<string | undefined>(undefined);

  private readonly auth = inject(AuthStore);
  protected readonly address = linkedSignal(() => this.email() ?? '');
  protected readonly error = signal<string | null>(null);
  protected readonly sent = signal(false);
  protected readonly busy = signal(false);
  protected readonly inputValue = inputValue;

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) {
      return;
    }
    const email = this.address().trim();
    if (!isEmail(email)) {
      this.error.set('Enter a valid email address.');
      return;
    }
    this.error.set(null);
    this.busy.set(true);
    try {
      await this.auth.requestPasswordReset(email, RESET_PASSWORD_PATH);
      this.sent.set(true);
    } catch (error) {
      this.error.set(authErrorMessage(error, 'forgot-password'));
    } finally {
      this.busy.set(false);
    }
  }
}

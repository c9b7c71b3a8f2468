import { Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FocusOnLoad } from '../ui/focus-on-load';
import { Icon } from '../ui/icon';
import { inputValue } from '../ui/form-values';
import { MIN_PASSWORD_LENGTH } from '@contracts/session';
import { mismatchProblem, shortPasswordProblem } from './password-rules';
import { authErrorMessage, INVALID_RESET_LINK_MESSAGE } from './auth-errors';
import { AuthStore } from './auth-store';

/**
 * /reset-password: where the emailed link lands, through Better Auth, with `?token=…` (or
 * `?error=INVALID_TOKEN` when the link was bad or old). Sets the new password.
 */
@Component({
  selector: 'cv-reset-password-page',
  imports: [RouterLink, Icon, FocusOnLoad],
  templateUrl: './reset-password-page.html',
  styleUrl: './auth-page.css',
})
export class ResetPasswordPage {
  /** Bound from the query string. */
  readonly token = input<string | undefined>(undefined);
  readonly error = input<string | undefined>(undefined);

  private readonly auth = inject(AuthStore);
  protected readonly password = signal('');
  protected readonly confirmation = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly done = signal(false);
  protected readonly busy = signal(false);
  protected readonly linkBroken = computed(() => !this.token() || !!this.error());
  protected readonly brokenMessage = INVALID_RESET_LINK_MESSAGE;
  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly inputValue = inputValue;

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const token = this.token();
    if (this.busy() || !token) {
      return;
    }
    const problem = this.validate();
    this.problem.set(problem);
    if (problem) {
      return;
    }
    this.busy.set(true);
    try {
      await this.auth.resetPassword(token, this.password());
      this.done.set(true);
    } catch (error) {
      this.problem.set(authErrorMessage(error, 'reset-password'));
    } finally {
      this.busy.set(false);
    }
  }

  private validate(): string | null {
    return shortPasswordProblem(this.password()) ?? mismatchProblem(this.password(), this.confirmation());
  }
}

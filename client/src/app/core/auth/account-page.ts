import { Component, inject, signal } from '@angular/core';
import { Icon } from '../ui/icon';
import { authErrorMessage } from './auth-errors';
import { inputValue } from '../ui/form-values';
import { MIN_PASSWORD_LENGTH } from '@contracts/session';
import { mismatchProblem, shortPasswordProblem } from './password-rules';
import { AuthStore } from './auth-store';

/** The account page: who is signed in, and a form to change the password. */
@Component({
  selector: 'cv-account-page',
  imports: [Icon],
  templateUrl: './account-page.html',
  styleUrl: './account-page.css',
})
export class AccountPage {
  protected readonly auth = inject(AuthStore);

  protected readonly currentPassword = signal('');
  protected readonly newPassword = signal('');
  protected readonly confirmPassword = signal('');
  protected readonly revokeOtherSessions = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly success = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly inputValue = inputValue;

  protected checkboxValue(event: Event): boolean {
    return (event.target as HTMLInputElement | null)?.checked ?? false;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) {
      return;
    }
    this.success.set(null);
    const problem = this.validate();
    this.error.set(problem);
    if (problem) {
      return;
    }
    this.busy.set(true);
    try {
      await this.auth.changePassword(this.currentPassword(), this.newPassword(), this.revokeOtherSessions());
      this.currentPassword.set('');
      this.newPassword.set('');
      this.confirmPassword.set('');
      this.success.set(
        this.revokeOtherSessions() ? 'Password changed. Your other devices have been signed out.' : 'Password changed.',
      );
    } catch (error) {
      this.error.set(authErrorMessage(error, 'change-password'));
    } finally {
      this.busy.set(false);
    }
  }

  private validate(): string | null {
    if (!this.currentPassword()) {
      return 'Enter your current password.';
    }
    if (this.newPassword() === this.currentPassword()) {
      return 'The new password must differ from the current one.';
    }
    return shortPasswordProblem(this.newPassword()) ?? mismatchProblem(this.newPassword(), this.confirmPassword());
  }
}

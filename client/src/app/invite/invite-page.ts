import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { InvitationPreviewDto } from '@contracts/workspaces';
import { INVITATION_PARAM } from '../core/auth/auth-guards';
import { AuthStore } from '../core/auth/auth-store';
import { ClientSession } from '../core/auth/client-session';
import { DASHBOARD_URL } from '../core/auth/return-url';
import { PublicConfigStore } from '../core/config/public-config-store';
import { USER_LOCALE } from '../core/locale';
import { TenantStore } from '../core/tenant/tenant-store';
import { FocusOnLoad } from '../core/ui/focus-on-load';
import { Icon } from '../core/ui/icon';
import { ProblemBanner } from '../core/ui/problem-banner';
import { ROLE_HINTS, ROLE_LABELS } from '../workspaces/roles';
import { ExplainedError, explainError } from '../workspaces/workspace-errors';
import { WorkspacesApi } from '../workspaces/workspaces-api';

/** Whether the signed-in address is the invited one (addresses compare without regard to case). */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; preview: InvitationPreviewDto }
  | { status: 'invalid'; problem: ExplainedError };

/**
 * /invite/:token: who invites, to which workspace, with which role. Signed out, it leads to sign-in or
 * sign-up and back; signed in, Accept joins the workspace and opens its dashboard.
 */
@Component({
  selector: 'cv-invite-page',
  imports: [DatePipe, RouterLink, Icon, FocusOnLoad, ProblemBanner],
  templateUrl: './invite-page.html',
  styleUrls: ['../workspaces/panel.css', './invite-page.css'],
})
export class InvitePage {
  /** Bound from the route. */
  readonly token = input.required<string>();

  private readonly api = inject(WorkspacesApi);
  protected readonly auth = inject(AuthStore);
  private readonly session = inject(ClientSession);
  private readonly tenants = inject(TenantStore);
  private readonly router = inject(Router);
  protected readonly config = inject(PublicConfigStore);
  protected readonly locale = inject(USER_LOCALE);

  protected readonly state = signal<PreviewState>({ status: 'loading' });
  protected readonly preview = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.preview : null;
  });
  protected readonly invalid = computed(() => {
    const state = this.state();
    return state.status === 'invalid' ? state.problem : null;
  });
  protected readonly accepting = signal(false);
  protected readonly problem = signal<ExplainedError | null>(null);
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleHints = ROLE_HINTS;
  protected readonly returnUrl = computed(() => `/invite/${encodeURIComponent(this.token())}`);
  protected readonly signUpParams = computed(() => ({
    returnUrl: this.returnUrl(),
    [INVITATION_PARAM]: this.token(),
    invitedEmail: this.preview()?.email ?? null,
  }));
  protected readonly wrongAccount = computed(() => {
    const preview = this.preview();
    const user = this.auth.user();
    return preview !== null && user !== null && !sameEmail(user.email, preview.email);
  });

  constructor() {
    void this.config.load();
    void this.auth.loadSession().catch(() => null);
    effect(() => {
      const token = this.token();
      untracked(() => void this.load(token));
    });
  }

  protected async accept(): Promise<void> {
    if (this.accepting()) {
      return;
    }
    this.accepting.set(true);
    this.problem.set(null);
    try {
      const accepted = await this.api.acceptInvitation(this.token());
      await this.tenants.switchTo(accepted.tenantId);
      await this.tenants.loadMemberships();
      await this.router.navigateByUrl(DASHBOARD_URL);
    } catch (error) {
      this.problem.set(explainError(error, 'The invitation could not be accepted.'));
      if (error instanceof HttpErrorResponse && error.status === 410) {
        this.state.set({ status: 'invalid', problem: explainError(error) });
      }
    } finally {
      this.accepting.set(false);
    }
  }

  /** Signs the wrong account out and stays here, so the right one can sign in. */
  protected async switchAccount(): Promise<void> {
    try {
      await this.auth.signOut();
    } catch {
      // Forgotten here either way.
    }
    this.session.clear();
    this.problem.set(null);
    await this.auth.loadSession().catch(() => null);
  }

  private async load(token: string): Promise<void> {
    this.state.set({ status: 'loading' });
    try {
      this.state.set({ status: 'ready', preview: await this.api.previewInvitation(token) });
    } catch (error) {
      this.state.set({ status: 'invalid', problem: explainError(error, 'This invitation could not be opened.') });
    }
  }
}

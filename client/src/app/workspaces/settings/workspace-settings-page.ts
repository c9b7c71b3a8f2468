import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  Component,
  computed,
  effect,
  inject,
  Injector,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TenantStore } from '../../core/tenant/tenant-store';
import { Confirmer } from '../../core/ui/confirm';
import { FocusOnLoad } from '../../core/ui/focus-on-load';
import { Icon } from '../../core/ui/icon';
import { ProblemBanner } from '../../core/ui/problem-banner';
import { AuditLog } from '../audit-log';
import { CreateWorkspaceOffer } from '../create-workspace-offer';
import { languageOptions } from '../locale-options';
import { ROLE_LABELS } from '../roles';
import { ExplainedError, explainError } from '../workspace-errors';
import { tenantAuditUrl } from '../workspaces-api';
import { ConnectionForm } from './connection-form';
import { GeneralForm } from './general-form';
import { MembersPanel } from './members-panel';
import { WorkspaceSettingsStore } from './workspace-settings-store';

/** The page's sections, in order; each id is also the fragment that opens it (/settings/workspace#connection). */
export const SETTINGS_SECTIONS = [
  { id: 'general', label: 'General' },
  { id: 'connection', label: 'Odoo connection' },
  { id: 'members', label: 'Members' },
  { id: 'audit', label: 'Audit log' },
] as const;

/**
 * /settings/workspace for the workspace chosen in the switcher. Admins and owners edit it; members see
 * a summary and may leave. What is offered follows the role, but every refusal comes from the server.
 */
@Component({
  selector: 'cv-workspace-settings-page',
  imports: [
    RouterLink,
    Icon,
    FocusOnLoad,
    ProblemBanner,
    GeneralForm,
    ConnectionForm,
    MembersPanel,
    AuditLog,
    CreateWorkspaceOffer,
  ],
  templateUrl: './workspace-settings-page.html',
  styleUrls: ['../panel.css', './workspace-settings-page.css'],
})
export class WorkspaceSettingsPage {
  protected readonly tenants = inject(TenantStore);
  protected readonly store = inject(WorkspaceSettingsStore);
  private readonly confirmer = inject(Confirmer);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly auditLog = viewChild(AuditLog);
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment, { initialValue: null });

  protected readonly sections = SETTINGS_SECTIONS;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly auditUrl = computed(() => {
    const tenantId = this.store.tenantId();
    return tenantId ? tenantAuditUrl(tenantId) : null;
  });
  protected readonly languageLabel = computed(() => {
    const lang = this.store.workspace()?.lang ?? null;
    return languageOptions(lang).find((option) => option.code === lang)?.label ?? lang;
  });
  protected readonly leaving = signal(false);
  protected readonly leaveProblem = signal<ExplainedError | null>(null);

  constructor() {
    void this.tenants.loadCurrent();
    effect(() => {
      const tenantId = this.tenants.currentTenantId();
      untracked(() => this.store.setTenant(tenantId));
    });
    // A link to a section (#connection) opens the page there once the workspace is on screen: once per
    // link followed, not again each time a save brings the workspace back.
    let shown: string | null = null;
    effect(() => {
      const fragment = this.fragment();
      const target = fragment && this.store.workspace() ? `${this.store.tenantId()}#${fragment}` : null;
      if (target && target !== shown) {
        shown = target;
        afterNextRender(() => this.focusSection(fragment!), { injector: this.injector });
      }
    });
  }

  protected async leave(): Promise<void> {
    if (this.leaving() || !this.confirmer.ask(WorkspaceSettingsStore.leaveQuestion)) {
      return;
    }
    this.leaving.set(true);
    this.leaveProblem.set(null);
    try {
      await this.store.leave();
    } catch (error) {
      this.leaveProblem.set(explainError(error, 'You could not leave the workspace.'));
    } finally {
      this.leaving.set(false);
    }
  }

  protected refreshAudit(): void {
    this.auditLog()?.reload();
  }

  private focusSection(id: string): void {
    const heading = this.document.getElementById(`${id}-title`);
    if (heading) {
      heading.scrollIntoView?.({ block: 'start' });
      heading.focus({ preventScroll: true });
    }
  }
}

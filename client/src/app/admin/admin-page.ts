import { DatePipe } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Component, computed, inject, signal } from '@angular/core';
import type { AdminTenantActivationResponse, AdminTenantDto } from '@contracts/workspaces';
import { firstValueFrom } from 'rxjs';
import { USER_LOCALE } from '../core/locale';
import { Confirmer } from '../core/ui/confirm';
import { FocusOnLoad } from '../core/ui/focus-on-load';
import { Icon } from '../core/ui/icon';
import { ProblemBanner } from '../core/ui/problem-banner';
import { AuditLog } from '../workspaces/audit-log';
import { ExplainedError, explainError } from '../workspaces/workspace-errors';
import { failingSections, FILTER_LABELS, filterCounts, matchesFilter, odooHealth, TenantFilter } from './tenant-status';

export const ADMIN_TENANTS_URL = '/api/admin/tenants';
export const ADMIN_AUDIT_URL = '/api/admin/audit';

/** /admin: every workspace with its health, activation, and the operators' audit log. */
@Component({
  selector: 'cv-admin-page',
  imports: [DatePipe, Icon, FocusOnLoad, ProblemBanner, AuditLog],
  templateUrl: './admin-page.html',
  styleUrls: ['../workspaces/panel.css', './admin-page.css'],
})
export class AdminPage {
  private readonly http = inject(HttpClient);
  private readonly confirmer = inject(Confirmer);
  protected readonly locale = inject(USER_LOCALE);

  protected readonly tenants = signal<AdminTenantDto[] | null>(null);
  protected readonly loadProblem = signal<ExplainedError | null>(null);
  protected readonly actionProblem = signal<ExplainedError | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly filter = signal<TenantFilter>('all');
  protected readonly filterLabels = FILTER_LABELS;
  protected readonly filters = Object.keys(FILTER_LABELS) as TenantFilter[];
  protected readonly counts = computed(() => filterCounts(this.tenants() ?? []));
  protected readonly shown = computed(() =>
    (this.tenants() ?? []).filter((tenant) => matchesFilter(tenant, this.filter())),
  );
  protected readonly tenantNames = computed(
    () => new Map((this.tenants() ?? []).map((tenant) => [tenant.tenantId, tenant.name] as const)),
  );
  protected readonly health = odooHealth;
  protected readonly failing = failingSections;
  protected readonly auditUrl = ADMIN_AUDIT_URL;

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadProblem.set(null);
    try {
      this.tenants.set(await firstValueFrom(this.http.get<AdminTenantDto[]>(ADMIN_TENANTS_URL, { cache: 'no-store' })));
    } catch (error) {
      this.loadProblem.set(explainError(error, 'The workspaces could not be listed.'));
    }
  }

  protected setFilter(event: Event): void {
    this.filter.set((event.target as HTMLSelectElement).value as TenantFilter);
  }

  protected async setActive(tenant: AdminTenantDto, active: boolean): Promise<void> {
    if (this.busyId()) {
      return;
    }
    if (!active && !this.confirmer.ask(`Deactivate ${tenant.name}? Its members can no longer open its dashboard.`)) {
      return;
    }
    this.busyId.set(tenant.tenantId);
    this.actionProblem.set(null);
    try {
      const url = `${ADMIN_TENANTS_URL}/${encodeURIComponent(tenant.tenantId)}/${active ? 'activate' : 'deactivate'}`;
      const answer = await firstValueFrom(this.http.post<AdminTenantActivationResponse>(url, {}));
      this.tenants.update(
        (list) =>
          list?.map((row) => (row.tenantId === answer.tenantId ? { ...row, isActive: answer.isActive } : row)) ?? null,
      );
    } catch (error) {
      this.actionProblem.set(explainError(error));
    } finally {
      this.busyId.set(null);
    }
  }
}

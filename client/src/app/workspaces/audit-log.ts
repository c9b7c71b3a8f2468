import { DatePipe } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import type { AuditAction, AuditEntryDto, AuditPageDto } from '@contracts/workspaces';
import { firstValueFrom } from 'rxjs';
import { USER_LOCALE } from '../core/locale';
import { ProblemBanner } from '../core/ui/problem-banner';
import { ExplainedError, explainError } from './workspace-errors';
import { auditParams } from './workspaces-api';

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'workspace.created': 'Workspace created',
  'workspace.updated': 'Settings changed',
  'workspace.activated': 'Workspace activated',
  'workspace.deactivated': 'Workspace deactivated',
  'connection.saved': 'Odoo connection saved',
  'connection.checked': 'Odoo connection tested',
  'connection.removed': 'Odoo connection removed',
  'member.invited': 'Invitation sent',
  'member.joined': 'Member joined',
  'member.role_changed': 'Role changed',
  'member.removed': 'Member removed',
  'member.left': 'Member left',
  'invitation.revoked': 'Invitation revoked',
  'operator.granted': 'Operator rights granted',
  'operator.revoked': 'Operator rights revoked',
};

/** An entry's details as one short line ("role: admin · email: a@b.c"); the server never puts a secret there. */
export function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/**
 * An audit log, newest first, read page by page from `url` (a workspace's log or the operators' one).
 * "Load more" follows the server's cursor; a new url starts over.
 */
@Component({
  selector: 'cv-audit-log',
  imports: [DatePipe, ProblemBanner],
  templateUrl: './audit-log.html',
  styleUrls: ['./panel.css', './audit-log.css'],
})
export class AuditLog {
  private readonly http = inject(HttpClient);
  protected readonly locale = inject(USER_LOCALE);

  readonly url = input.required<string>();
  /** Names of the workspaces by id: shows a Workspace column (the operators' log spans all of them). */
  readonly tenantNames = input<ReadonlyMap<string, string> | null>(null);

  protected readonly entries = signal<AuditEntryDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<ExplainedError | null>(null);
  protected readonly labels = AUDIT_ACTION_LABELS;
  protected readonly describe = describeDetails;
  private generation = 0;

  constructor() {
    effect(() => {
      const url = this.url();
      untracked(() => this.restart(url));
    });
  }

  /** Reads the log again from the newest entry. */
  reload(): void {
    this.restart(this.url());
  }

  protected loadMore(): void {
    void this.fetch(this.url(), this.nextCursor(), this.generation);
  }

  protected label(action: string): string {
    return this.labels[action as AuditAction] ?? action;
  }

  protected tenantName(tenantId: string | null): string {
    if (!tenantId) {
      return 'Platform';
    }
    return this.tenantNames()?.get(tenantId) ?? tenantId;
  }

  private restart(url: string): void {
    this.generation++;
    this.entries.set([]);
    this.nextCursor.set(null);
    this.loaded.set(false);
    void this.fetch(url, null, this.generation);
  }

  private async fetch(url: string, cursor: string | null, generation: number): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await firstValueFrom(
        this.http.get<AuditPageDto>(url, { params: auditParams(cursor), cache: 'no-store' }),
      );
      if (generation === this.generation) {
        this.entries.update((entries) => [...entries, ...page.items]);
        this.nextCursor.set(page.nextCursor);
        this.loaded.set(true);
      }
    } catch (error) {
      if (generation === this.generation) {
        this.problem.set(explainError(error, 'The audit log could not be loaded.'));
      }
    } finally {
      if (generation === this.generation) {
        this.loading.set(false);
      }
    }
  }
}

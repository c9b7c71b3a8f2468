import { DatePipe } from '@angular/common';
import { Component, computed, inject, linkedSignal, signal } from '@angular/core';
import type { OdooCheckResponse, OdooTransportName } from '@contracts/workspaces';
import { inputValue } from '../../core/ui/form-values';
import { USER_LOCALE } from '../../core/locale';
import { Confirmer } from '../../core/ui/confirm';
import { Icon } from '../../core/ui/icon';
import { ProblemBanner } from '../../core/ui/problem-banner';
import { ExplainedError, explainError } from '../workspace-errors';
import { CheckReport } from './check-report';
import {
  ConnectionFields,
  connectionProblem,
  fieldsFrom,
  keepsSavedSecret,
  toConnectionRequest,
  TRANSPORT_LABELS,
} from './connection-fields';
import { WorkspaceSettingsStore } from './workspace-settings-store';

type Busy = 'check' | 'save' | 'remove' | null;

/** The workspace's Odoo connection: edit, test before saving, save, disconnect (admins). */
@Component({
  selector: 'cv-connection-form',
  imports: [DatePipe, Icon, ProblemBanner, CheckReport],
  templateUrl: './connection-form.html',
  styleUrls: ['../panel.css', './connection-form.css'],
})
export class ConnectionForm {
  protected readonly store = inject(WorkspaceSettingsStore);
  private readonly confirmer = inject(Confirmer);
  protected readonly locale = inject(USER_LOCALE);

  protected readonly odoo = computed(() => this.store.workspace()?.odoo ?? null);
  protected readonly fields = linkedSignal<ConnectionFields>(() => fieldsFrom(this.odoo()));
  protected readonly secretKept = computed(
    () => !this.fields().secret && keepsSavedSecret(this.odoo(), this.fields().url),
  );
  protected readonly busy = signal<Busy>(null);
  protected readonly problem = signal<ExplainedError | null>(null);
  protected readonly saved = signal(false);
  protected readonly report = signal<OdooCheckResponse | null>(null);
  protected readonly transports = Object.entries(TRANSPORT_LABELS) as Array<[OdooTransportName, string]>;

  protected set(field: keyof ConnectionFields, event: Event): void {
    const value = inputValue(event);
    this.fields.update((fields) => ({ ...fields, [field]: value }));
    this.saved.set(false);
  }

  protected async check(): Promise<void> {
    const request = this.validRequest();
    if (!request) {
      return;
    }
    await this.run('check', async () => {
      this.report.set(null);
      this.report.set(await this.store.checkConnection(request));
    });
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const request = this.validRequest();
    if (!request) {
      return;
    }
    await this.run('save', async () => {
      await this.store.saveConnection(request);
      this.saved.set(true);
    });
  }

  protected async remove(): Promise<void> {
    const question =
      'Disconnect this workspace from Odoo? Its dashboard shows no figures until a connection is saved again. The saved API key is deleted.';
    if (!this.confirmer.ask(question)) {
      return;
    }
    await this.run('remove', async () => {
      await this.store.removeConnection();
      this.report.set(null);
    });
  }

  private validRequest() {
    this.saved.set(false);
    const problem = connectionProblem(this.fields(), this.odoo());
    this.problem.set(problem ? { message: problem, hint: null } : null);
    return problem ? null : toConnectionRequest(this.fields());
  }

  private async run(kind: Exclude<Busy, null>, action: () => Promise<void>): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.busy.set(kind);
    this.problem.set(null);
    try {
      await action();
    } catch (error) {
      this.problem.set(explainError(error));
    } finally {
      this.busy.set(null);
    }
  }
}

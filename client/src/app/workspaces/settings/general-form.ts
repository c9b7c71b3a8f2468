import { Component, computed, inject, linkedSignal, signal } from '@angular/core';
import type { UpdateWorkspaceRequest } from '@contracts/workspaces';
import { inputValue } from '../../core/ui/form-values';
import { Icon } from '../../core/ui/icon';
import { ProblemBanner } from '../../core/ui/problem-banner';
import { languageOptions, timeZoneOptions } from '../locale-options';
import { WORKSPACE_NAME_MAX_LENGTH } from '@contracts/workspaces';
import { ExplainedError, explainError } from '../workspace-errors';
import { WorkspaceSettingsStore } from './workspace-settings-store';

/** The changed fields of the general settings; empty when nothing changed. */
export function generalChanges(
  saved: { name: string; timeZone: string; lang: string },
  edited: { name: string; timeZone: string; lang: string },
): UpdateWorkspaceRequest {
  const changes: UpdateWorkspaceRequest = {};
  const name = edited.name.trim();
  const timeZone = edited.timeZone.trim();
  if (name !== saved.name) changes.name = name;
  if (timeZone !== saved.timeZone) changes.timeZone = timeZone;
  if (edited.lang !== saved.lang) changes.lang = edited.lang;
  return changes;
}

/** Name, time zone and language of the workspace (admins). */
@Component({
  selector: 'cv-general-form',
  imports: [Icon, ProblemBanner],
  templateUrl: './general-form.html',
  styleUrl: '../panel.css',
})
export class GeneralForm {
  protected readonly store = inject(WorkspaceSettingsStore);
  private readonly saved = computed(() => {
    const workspace = this.store.workspace();
    return { name: workspace?.name ?? '', timeZone: workspace?.timeZone ?? '', lang: workspace?.lang ?? '' };
  });
  // Editable copies that start again from the server's values whenever those change (a save, a switch).
  protected readonly name = linkedSignal(() => this.saved().name);
  protected readonly timeZone = linkedSignal(() => this.saved().timeZone);
  protected readonly lang = linkedSignal(() => this.saved().lang);
  protected readonly changes = computed(() =>
    generalChanges(this.saved(), { name: this.name(), timeZone: this.timeZone(), lang: this.lang() }),
  );
  protected readonly dirty = computed(() => Object.keys(this.changes()).length > 0);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ExplainedError | null>(null);
  protected readonly success = signal(false);
  protected readonly zones = timeZoneOptions();
  protected readonly languages = computed(() => languageOptions(this.saved().lang));
  protected readonly maxNameLength = WORKSPACE_NAME_MAX_LENGTH;
  protected readonly inputValue = inputValue;

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy() || !this.dirty()) {
      return;
    }
    this.success.set(false);
    if (!this.name().trim()) {
      this.problem.set({ message: 'Enter a name for the workspace.', hint: null });
      return;
    }
    this.problem.set(null);
    this.busy.set(true);
    try {
      await this.store.saveGeneral(this.changes());
      this.success.set(true);
    } catch (error) {
      this.problem.set(explainError(error, 'The settings could not be saved.'));
    } finally {
      this.busy.set(false);
    }
  }
}

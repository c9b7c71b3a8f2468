import { Component, computed, input } from '@angular/core';
import type { OdooCheckModelDto, OdooCheckResponse } from '@contracts/workspaces';
import { formatCount } from '../../company-view/formatters';
import { Icon, IconName } from '../../core/ui/icon';

export type AppStatus = 'present' | 'missing' | 'unchecked';

/** One Odoo app the dashboard reads, and whether the check found it. */
export interface AppFinding {
  app: string;
  status: AppStatus;
  models: OdooCheckModelDto[];
}

/** The check's models grouped by the app providing them; an app is missing as soon as one of its models is. */
export function appFindings(models: readonly OdooCheckModelDto[]): AppFinding[] {
  const byApp = new Map<string, OdooCheckModelDto[]>();
  for (const model of models) {
    byApp.set(model.app, [...(byApp.get(model.app) ?? []), model]);
  }
  return [...byApp].map(([app, list]) => ({ app, status: appStatus(list), models: list }));
}

function appStatus(models: OdooCheckModelDto[]): AppStatus {
  if (models.some((model) => model.available === false)) {
    return 'missing';
  }
  return models.every((model) => model.available === true) ? 'present' : 'unchecked';
}

const VERDICTS: Record<OdooCheckResponse['verdict'], { title: string; tone: string; icon: IconName }> = {
  ok: { title: 'The connection works', tone: 'success', icon: 'success' },
  degraded: { title: 'The connection works, with problems', tone: 'warning', icon: 'warning' },
  failed: { title: 'The connection does not work', tone: 'error', icon: 'error' },
};

export const APP_STATUS_LABELS: Record<AppStatus, string> = {
  present: 'Installed',
  missing: 'Missing',
  unchecked: 'Not checked',
};

const EDITIONS: Record<string, string> = {
  community: 'Community',
  enterprise: 'Enterprise',
  unknown: 'edition unknown',
};
const TRANSPORTS: Record<string, string> = { xmlrpc: 'XML-RPC', json2: 'JSON-2' };

/** What a connection check found: verdict, Odoo version, each app present or missing, and the problems with their fixes. */
@Component({
  selector: 'cv-check-report',
  imports: [Icon],
  templateUrl: './check-report.html',
  styleUrl: './check-report.css',
})
export class CheckReport {
  readonly report = input.required<OdooCheckResponse>();
  readonly locale = input('en-US');

  protected readonly verdict = computed(() => VERDICTS[this.report().verdict]);
  protected readonly apps = computed(() => appFindings(this.report().models));
  protected readonly statusLabels = APP_STATUS_LABELS;
  protected readonly server = computed(() => {
    const { version, transport } = this.report();
    const parts = version ? [`Odoo ${version.serverVersion}`, EDITIONS[version.edition] ?? version.edition] : [];
    if (transport) {
      parts.push(`over ${TRANSPORTS[transport] ?? transport}`);
    }
    return parts.join(' · ');
  });

  protected count(value: number | null): string {
    return value === null ? '—' : formatCount(value, this.locale());
  }

  protected latency(value: number | null): string {
    return value === null ? '—' : `${formatCount(value, this.locale())} ms`;
  }
}

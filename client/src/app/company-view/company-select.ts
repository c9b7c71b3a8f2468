import { Component, computed, input, output } from '@angular/core';
import type { CompanyInfo } from '@contracts/company-view';
import type { CompanyScope } from './company-view-api';

const ALL = 'all';
/** A scope of several companies but not all: only reachable through an older choice, shown as is. */
const SEVERAL = 'several';

/** Which option stands for a scope: all companies, one company's id, or several. */
export function scopeChoice(companies: readonly CompanyInfo[], scope: CompanyScope): string {
  if (!scope?.length) {
    return ALL;
  }
  if (scope.length === 1) {
    return String(scope[0]);
  }
  const covered = new Set(scope);
  return companies.every((company) => covered.has(company.id)) ? ALL : SEVERAL;
}

/** The company scope of the dashboard: all of the tenant's companies, or one of them. */
@Component({
  selector: 'cv-company-select',
  templateUrl: './company-select.html',
  styleUrl: './company-select.css',
})
export class CompanySelect {
  readonly companies = input.required<readonly CompanyInfo[]>();
  /** The companies the figures on screen cover. */
  readonly scope = input.required<CompanyScope>();
  readonly scopeChange = output<CompanyScope>();

  protected readonly all = ALL;
  protected readonly several = SEVERAL;
  protected readonly choice = computed(() => scopeChoice(this.companies(), this.scope()));

  protected onChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (value === ALL) {
      this.scopeChange.emit(null);
    } else if (value !== SEVERAL) {
      this.scopeChange.emit([Number(value)]);
    }
  }
}

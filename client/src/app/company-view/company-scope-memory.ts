import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { AuthStore } from '../core/auth/auth-store';
import type { CompanyScope } from './company-view-api';

const KEY_PREFIX = 'company-view.scope';
const SCOPE_PATTERN = /^[1-9]\d{0,9}(,[1-9]\d{0,9})*$/;

/**
 * The company scope each user last chose for each tenant, kept in this browser's localStorage so it
 * survives a reload. Storage that is missing or refuses access (private modes, policies) just means
 * nothing is remembered.
 */
@Injectable({ providedIn: 'root' })
export class CompanyScopeMemory {
  private readonly auth = inject(AuthStore);
  private readonly document = inject(DOCUMENT);

  /** The remembered scope of the signed-in user for this tenant; null for "all companies". */
  recall(tenantId: string): CompanyScope {
    const key = this.key(tenantId);
    const stored = key ? this.use((storage) => storage.getItem(key)) : null;
    if (!key || !stored) {
      return null;
    }
    if (!SCOPE_PATTERN.test(stored)) {
      this.use((storage) => storage.removeItem(key));
      return null;
    }
    return stored
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** Remembers a scope; null (all companies, the default) forgets it. */
  remember(tenantId: string, scope: CompanyScope): void {
    const key = this.key(tenantId);
    if (!key) {
      return;
    }
    this.use((storage) => (scope?.length ? storage.setItem(key, scope.join(',')) : storage.removeItem(key)));
  }

  private key(tenantId: string): string | null {
    const userId = this.auth.user()?.id;
    return userId ? `${KEY_PREFIX}:${encodeURIComponent(userId)}:${encodeURIComponent(tenantId)}` : null;
  }

  private use<T>(action: (storage: Storage) => T): T | null {
    try {
      const storage = this.document.defaultView?.localStorage;
      return storage ? action(storage) : null;
    } catch {
      return null;
    }
  }
}

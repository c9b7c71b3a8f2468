import type { CompanyViewResponse, CompanyViewSectionKey, SectionErrorKind } from '@contracts/company-view';
import { SECTION_KEYS, SECTION_LABELS } from '@contracts/sections';

/** A notice shown inside one section. */
export type SectionBanner =
  | { kind: 'module-missing'; tone: 'warning'; title: string; hint: string }
  | { kind: 'timeout'; tone: 'info'; title: string }
  | { kind: 'error'; tone: 'error'; title: string; message: string };

/** A notice shown once above the whole dashboard, when every section failed for the same reason. */
export type GlobalBanner =
  { kind: 'connection-error'; title: string; message: string } | { kind: 'unreachable'; title: string };

export interface BannerPlan {
  global: GlobalBanner | null;
  sections: Partial<Record<CompanyViewSectionKey, SectionBanner>>;
  /** Refreshing by hand cannot help when Odoo rejects our credentials. */
  refreshDisabled: boolean;
}

type BannerInput = Pick<CompanyViewResponse, 'errorsBySection' | 'meta'>;

/**
 * Decides which banners to show for a response. The decision uses only the structured
 * `meta.errorKinds`; the error messages are displayed, never interpreted.
 */
export function planBanners(response: BannerInput): BannerPlan {
  const kinds = response.meta?.errorKinds ?? {};
  const failed = SECTION_KEYS.filter((key) => response.errorsBySection[key] || kinds[key]);
  const everySectionFailedWith = (kind: SectionErrorKind) =>
    failed.length === SECTION_KEYS.length && failed.every((key) => kinds[key] === kind);

  if (everySectionFailedWith('auth')) {
    const message = firstMessage(response, failed) ?? 'Odoo rejected the connection credentials.';
    return {
      global: { kind: 'connection-error', title: 'Connection error', message },
      sections: {},
      refreshDisabled: true,
    };
  }
  if (everySectionFailedWith('network')) {
    return {
      global: { kind: 'unreachable', title: 'Odoo server unreachable' },
      sections: {},
      refreshDisabled: false,
    };
  }

  const sections: Partial<Record<CompanyViewSectionKey, SectionBanner>> = {};
  for (const key of failed) {
    sections[key] = sectionBanner(key, kinds[key], response.errorsBySection[key]?.message);
  }
  return { global: null, sections, refreshDisabled: false };
}

function sectionBanner(
  key: CompanyViewSectionKey,
  kind: SectionErrorKind | undefined,
  message: string | undefined,
): SectionBanner {
  const label = SECTION_LABELS[key];
  switch (kind) {
    case 'module-missing':
      return {
        kind: 'module-missing',
        tone: 'warning',
        title: `${label} module not available`,
        hint: `The ${label} app is not installed in Odoo for this company. Ask your administrator if you need it.`,
      };
    case 'timeout':
      return { kind: 'timeout', tone: 'info', title: `${label} data temporarily unavailable` };
    default:
      return {
        kind: 'error',
        tone: 'error',
        title: `${label} data could not be loaded`,
        message: message || 'Unknown error.',
      };
  }
}

function firstMessage(response: BannerInput, keys: CompanyViewSectionKey[]): string | null {
  for (const key of keys) {
    const message = response.errorsBySection[key]?.message;
    if (message) {
      return message;
    }
  }
  return null;
}

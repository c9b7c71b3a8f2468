import { Component, computed, input, signal } from '@angular/core';
import type { CompanyViewSectionKey } from '@contracts/company-view';
import { SECTION_LABELS } from '@contracts/sections';
import { Icon, IconName } from '../core/ui/icon';
import type { SectionBanner } from './banners';

const BANNER_ICONS: Record<SectionBanner['tone'], IconName> = {
  warning: 'warning',
  info: 'clock',
  error: 'error',
};

/**
 * The frame of one dashboard section: title and count, its banner if any, then the table or an
 * empty state. On a phone it can fold to its header (a disclosure button in the heading), so the
 * page is a list of sections to open rather than thousands of pixels of tables.
 */
@Component({
  selector: 'cv-section-card',
  imports: [Icon],
  templateUrl: './section-card.html',
  styleUrl: './section-card.css',
})
export class SectionCard {
  readonly key = input.required<CompanyViewSectionKey>();
  readonly title = input.required<string>();
  readonly rowCount = input.required<number>();
  readonly banner = input<SectionBanner | undefined>(undefined);
  /** Set when a page-wide banner already explains why nothing can be shown. */
  readonly unavailable = input(false);
  /** The countdown sentence shown in a timeout notice. */
  readonly refreshHint = input('');
  /** How many items the section stands for (shown beside the title), or null to show none. */
  readonly count = input<number | null>(null);
  /** Folded to its header until opened (phones). */
  readonly collapsible = input(false);

  /** The Odoo app the section reads, named as everywhere else on the page. */
  protected readonly source = computed(() => SECTION_LABELS[this.key()]);
  protected readonly expanded = signal(false);
  protected readonly headingId = computed(() => `section-title-${this.key()}`);
  protected readonly bodyId = computed(() => `section-body-${this.key()}`);
  protected readonly folded = computed(() => this.collapsible() && !this.expanded());
  protected readonly bannerIcon = computed(() => {
    const banner = this.banner();
    return banner ? BANNER_ICONS[banner.tone] : 'info';
  });
  protected readonly bannerDetail = computed(() => {
    const banner = this.banner();
    switch (banner?.kind) {
      case 'module-missing':
        return banner.hint;
      case 'timeout':
        return `Odoo is taking longer than usual to answer. ${this.refreshHint()}`;
      case 'error':
        return banner.message;
      default:
        return '';
    }
  });
}

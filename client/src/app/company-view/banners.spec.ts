import type {
  CompanyViewResponse,
  CompanyViewSectionKey,
  SectionError,
  SectionErrorKind,
} from '@contracts/company-view';
import { NO_KPI_LINKS } from '../../testing/company-view-fixtures';
import { planBanners } from './banners';
import { SECTION_KEYS } from '@contracts/sections';

const ALL = SECTION_KEYS;

type Failure = { kind?: SectionErrorKind; message?: string };

/** Builds the error part of a response from a per-section list of failures. */
function responseWith(
  failures: Partial<Record<CompanyViewSectionKey, Failure>>,
): Pick<CompanyViewResponse, 'errorsBySection' | 'meta'> {
  const errorsBySection: Partial<Record<CompanyViewSectionKey, SectionError>> = {};
  const errorKinds: Partial<Record<CompanyViewSectionKey, SectionErrorKind>> = {};
  for (const [key, failure] of Object.entries(failures) as [CompanyViewSectionKey, Failure][]) {
    errorsBySection[key] = { message: failure.message ?? `${key} failed` };
    if (failure.kind) {
      errorKinds[key] = failure.kind;
    }
  }
  return {
    errorsBySection,
    meta: { errorKinds, companyCurrency: 'EUR', odooVersion: '17.0', kpiLinks: NO_KPI_LINKS, companies: [], scope: [] },
  };
}

function everySection(failure: Failure): Partial<Record<CompanyViewSectionKey, Failure>> {
  return Object.fromEntries(ALL.map((key) => [key, failure]));
}

describe('planBanners', () => {
  it('shows nothing when every section succeeded', () => {
    expect(planBanners(responseWith({}))).toEqual({ global: null, sections: {}, refreshDisabled: false });
  });

  it('shows nothing for a response without meta and without errors', () => {
    expect(planBanners({ errorsBySection: {} })).toEqual({ global: null, sections: {}, refreshDisabled: false });
  });

  it('warns that a missing module is not available and points to the administrator', () => {
    const plan = planBanners(responseWith({ crm: { kind: 'module-missing', message: 'Model crm.lead not found' } }));
    expect(plan.global).toBeNull();
    const banner = plan.sections.crm;
    if (banner?.kind !== 'module-missing')
      throw new Error(`expected a module-missing banner, got ${JSON.stringify(banner)}`);
    const { hint, ...rest } = banner;
    expect(rest).toEqual({ kind: 'module-missing', tone: 'warning', title: 'CRM module not available' });
    expect(hint).toContain('administrator');
    expect(Object.keys(plan.sections)).toEqual(['crm']);
  });

  it('informs that a timed-out section is temporarily unavailable', () => {
    const plan = planBanners(responseWith({ projects: { kind: 'timeout', message: 'projects timeout after 4000ms' } }));
    expect(plan.sections.projects).toEqual({
      kind: 'timeout',
      tone: 'info',
      title: 'Projects data temporarily unavailable',
    });
  });

  it.each<SectionErrorKind>(['access-denied', 'bad-response', 'odoo-error', 'network', 'auth'])(
    'shows an inline error with the message for a single %s failure',
    (kind) => {
      const plan = planBanners(responseWith({ inventory: { kind, message: `inventory said ${kind}` } }));
      expect(plan.global).toBeNull();
      expect(plan.refreshDisabled).toBe(false);
      expect(plan.sections.inventory).toEqual({
        kind: 'error',
        tone: 'error',
        title: 'Inventory data could not be loaded',
        message: `inventory said ${kind}`,
      });
    },
  );

  it('never reads the message to pick a banner: only the kind counts', () => {
    const plan = planBanners(
      responseWith({
        crm: { kind: 'odoo-error', message: 'Model crm.lead not found' },
        projects: { kind: 'odoo-error', message: 'projects timeout after 4000ms' },
      }),
    );
    expect(plan.sections.crm?.kind).toBe('error');
    expect(plan.sections.projects?.kind).toBe('error');
  });

  it('treats an error without a kind as a generic error, even with the legacy flags set', () => {
    const plan = planBanners({
      errorsBySection: { helpdesk: { message: 'Model helpdesk.ticket not found', isModuleMissing: true } },
    });
    expect(plan.sections.helpdesk).toEqual({
      kind: 'error',
      tone: 'error',
      title: 'Helpdesk data could not be loaded',
      message: 'Model helpdesk.ticket not found',
    });
  });

  it('gives each failed section its own banner and leaves the others alone', () => {
    const plan = planBanners(
      responseWith({
        crm: { kind: 'module-missing' },
        helpdesk: { kind: 'timeout' },
        inventory: { kind: 'bad-response', message: 'Unexpected answer' },
      }),
    );
    expect(plan.global).toBeNull();
    expect(plan.sections.crm?.kind).toBe('module-missing');
    expect(plan.sections.helpdesk?.kind).toBe('timeout');
    expect(plan.sections.inventory).toMatchObject({ kind: 'error', message: 'Unexpected answer' });
    expect(plan.sections.accounting).toBeUndefined();
    expect(plan.sections.projects).toBeUndefined();
  });

  it('shows one global connection error and disables refresh when every section failed with auth', () => {
    const plan = planBanners(responseWith(everySection({ kind: 'auth', message: 'Authentication failed' })));
    expect(plan).toEqual({
      global: { kind: 'connection-error', title: 'Connection error', message: 'Authentication failed' },
      sections: {},
      refreshDisabled: true,
    });
  });

  it('shows one global unreachable banner, refresh still allowed, when every section failed with network', () => {
    const plan = planBanners(responseWith(everySection({ kind: 'network', message: 'ECONNREFUSED' })));
    expect(plan).toEqual({
      global: { kind: 'unreachable', title: 'Odoo server unreachable' },
      sections: {},
      refreshDisabled: false,
    });
  });

  it('falls back to per-section errors when all sections failed for different reasons', () => {
    const failures = everySection({ kind: 'auth', message: 'Authentication failed' });
    failures.inventory = { kind: 'network', message: 'ECONNRESET' };
    const plan = planBanners(responseWith(failures));
    expect(plan.global).toBeNull();
    expect(plan.refreshDisabled).toBe(false);
    expect(Object.keys(plan.sections)).toHaveLength(5);
    expect(plan.sections.inventory).toMatchObject({ kind: 'error', message: 'ECONNRESET' });
  });

  it('keeps per-section banners when auth failed everywhere but one section', () => {
    const failures = everySection({ kind: 'auth', message: 'Authentication failed' });
    delete failures.accounting;
    const plan = planBanners(responseWith(failures));
    expect(plan.global).toBeNull();
    expect(plan.refreshDisabled).toBe(false);
    expect(plan.sections.accounting).toBeUndefined();
    expect(plan.sections.crm).toMatchObject({ kind: 'error', message: 'Authentication failed' });
  });

  it('shows five timeout notices rather than a global banner when every section timed out', () => {
    const plan = planBanners(responseWith(everySection({ kind: 'timeout' })));
    expect(plan.global).toBeNull();
    expect(Object.values(plan.sections).map((banner) => banner?.kind)).toEqual([
      'timeout',
      'timeout',
      'timeout',
      'timeout',
      'timeout',
    ]);
  });
});

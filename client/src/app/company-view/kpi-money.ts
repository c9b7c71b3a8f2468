import type { CompanyKpiKey, CompanyViewMoney, MoneyTotal, RecordsWithoutCompany } from '@contracts/company-view';

type AmountField = 'openInvoicesAmount' | 'overdueInvoicesAmount' | 'pipelineAmount' | 'weightedPipelineAmount';

/** Which amounts a KPI card shows under its count, and which records it leaves out of them. */
interface KpiMoney {
  parts: readonly { field: AmountField; word: string }[];
  withoutCompany: keyof RecordsWithoutCompany;
  noun: readonly [singular: string, plural: string];
}

const KPI_MONEY: Partial<Record<CompanyKpiKey, KpiMoney>> = {
  openInvoicesCount: {
    parts: [{ field: 'openInvoicesAmount', word: 'due' }],
    withoutCompany: 'openInvoices',
    noun: ['invoice', 'invoices'],
  },
  overdueInvoicesCount: {
    parts: [{ field: 'overdueInvoicesAmount', word: 'overdue' }],
    withoutCompany: 'overdueInvoices',
    noun: ['invoice', 'invoices'],
  },
  openLeadsCount: {
    parts: [
      { field: 'pipelineAmount', word: 'pipeline' },
      { field: 'weightedPipelineAmount', word: 'weighted' },
    ],
    withoutCompany: 'openOpportunities',
    noun: ['opportunity', 'opportunities'],
  },
};

/** One currency's amounts under a KPI: short parts for the eye, one full sentence for screen readers. */
export interface MoneyLine {
  currency: string;
  /** e.g. ["€2.1M pipeline", "€800K weighted"]; shown joined by a middle dot. */
  parts: string[];
  /** e.g. "2,100,000.00 euros pipeline, 800,000.00 euros weighted". */
  spoken: string;
}

/**
 * The money lines of one KPI card, one per currency in the order the server gives them. An amount
 * that is null (its section failed) is left out; a currency with no amount left gets no line.
 */
export function moneyLines(key: CompanyKpiKey, money: CompanyViewMoney | null, locale: string): MoneyLine[] {
  const spec = KPI_MONEY[key];
  if (!spec || !money) {
    return [];
  }
  return money.totals.flatMap((total) => {
    const line = moneyLine(spec, total, locale);
    return line ? [line] : [];
  });
}

function moneyLine(spec: KpiMoney, total: MoneyTotal, locale: string): MoneyLine | null {
  const shown = spec.parts.flatMap(({ field, word }) => {
    const amount = total[field];
    return amount === null || !Number.isFinite(amount) ? [] : [{ amount, word }];
  });
  if (shown.length === 0) {
    return null;
  }
  return {
    currency: total.currency,
    parts: shown.map(({ amount, word }) => `${compactMoney(amount, total.currency, locale)} ${word}`),
    spoken: shown.map(({ amount, word }) => `${spokenMoney(amount, total.currency, locale)} ${word}`).join(', '),
  };
}

/** "3 invoices without a company not included", or null when there are none (or the count is unknown). */
export function withoutCompanyNote(key: CompanyKpiKey, money: CompanyViewMoney | null): string | null {
  const spec = KPI_MONEY[key];
  const count = spec && money ? money.recordsWithoutCompany[spec.withoutCompany] : null;
  if (!spec || count === null || !(count > 0)) {
    return null;
  }
  return `${count} ${count === 1 ? spec.noun[0] : spec.noun[1]} without a company not included`;
}

/**
 * "$1.2M", "340.000 €", "¥120万": the locale's compact notation with its own rounding for large
 * amounts; below a thousand whole units, since cents in a compact figure are noise.
 */
export function compactMoney(amount: number, currency: string, locale: string): string {
  const digits = Math.abs(amount) < 1000 ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {};
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', ...digits }).format(
      amount,
    );
  } catch {
    // Not an ISO currency code Intl accepts: still show the number, with the code beside it.
    return `${new Intl.NumberFormat(locale, { notation: 'compact', ...digits }).format(amount)} ${currency}`;
  }
}

/** The exact amount with the currency in words ("1,234,567.89 US dollars"), for screen readers. */
export function spokenMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'name' }).format(amount);
  } catch {
    const exact = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
    return `${exact} ${currency}`;
  }
}

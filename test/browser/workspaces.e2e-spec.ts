// Self-service workspaces in real headless Chromium against the real server, an embedded PostgreSQL
// and the in-process demo Odoo: a new company signs up, creates its workspace, connects and tests its
// Odoo, invites a colleague who signs up from the link, removes them again; an operator sees it all
// in the console. One story, in order: each step starts from where the previous one left off.
import type { BrowserContext, Page } from 'playwright-core';
import { OPERATOR_DEMO_USER } from '../../server/auth/demo-accounts';
import { describeWithChromium } from './support/chromium';
import { startBrowserSuite, SUITE_START_TIMEOUT_MS, type BrowserSuite } from './support/browser-suite';
import {
  apiView,
  DASHBOARD_PATH,
  eventually,
  horizontalOverflow,
  pageKpis,
  saveScreenshot,
  signInThroughForm,
  tenantIdByName,
  waitForTenantData,
} from './support/dashboard';

// The page polls at its floor of 5 s, so a removed member's next poll comes within seconds.
const SERVER_CLOCKS = {
  ALLOW_SIGNUP: 'true',
  ALLOW_WORKSPACE_CREATION: 'true',
  CACHE_TTL_MS: '5000',
  ERROR_CACHE_TTL_MS: '2000',
  SECTION_TIMEOUT_MS: '4000',
  TOTAL_BUDGET_MS: '6000',
};
/** Two polls of the page plus a slow answer. */
const AFTER_NEXT_POLL_MS = 20_000;
const PASSWORD = 'correct-horse-battery';
const WORKSPACE = 'Browser Widgets Ltd';
const SECOND_WORKSPACE = 'Second Thoughts Co';
const MOBILE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describeWithChromium('workspaces in Chromium: create, connect, invite, remove, operator console', () => {
  let suite: BrowserSuite;
  const contexts: BrowserContext[] = [];
  let owner: Page;
  let invitee: Page;
  const ownerEmail = `owner-${Date.now().toString(36)}@browser.example`;
  const inviteeEmail = `invitee-${Date.now().toString(36)}@browser.example`;
  let inviteUrl = '';

  beforeAll(async () => {
    suite = await startBrowserSuite(SERVER_CLOCKS);
    owner = await newPage();
    invitee = await newPage();
  }, SUITE_START_TIMEOUT_MS);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await suite?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await suite.newContext();
    contexts.push(context);
    const page = await context.newPage();
    // Removing a member, disconnecting and the like ask "are you sure?" with the browser's dialog.
    page.on('dialog', (dialog) => void dialog.accept());
    return page;
  }

  /** The id of the element that has focus. */
  function focusedId(page: Page): Promise<string | null> {
    return page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || null);
  }

  async function signUp(page: Page, name: string, email: string): Promise<void> {
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
  }

  it('signs up, creates a workspace from the empty dashboard and lands on its Odoo connection, not connected yet', async () => {
    await owner.goto('/sign-up');
    await signUp(owner, 'Wendy Owner', ownerEmail);
    await owner.waitForURL(`**${DASHBOARD_PATH}`);
    await owner.getByTestId('no-tenant').waitFor();
    await owner.getByTestId('create-workspace-link').click();

    await owner.waitForURL('**/workspaces/new');
    await owner.getByTestId('new-workspace-form').waitFor();
    expect(await focusedId(owner)).toBe('Create a workspace');
    // The time zone comes from the browser (the suite's contexts run in UTC).
    expect(await owner.getByLabel('Time zone').inputValue()).toBe('UTC');
    await owner.getByLabel('Name').fill(WORKSPACE);
    await owner.getByTestId('create-workspace').click();

    await owner.waitForURL('**/settings/workspace#connection');
    await owner.getByTestId('connection-form').waitFor();
    await eventually(async () => expect(await focusedId(owner)).toBe('connection-title'));
    expect(await owner.getByTestId('connection-status').getAttribute('data-source')).toBe('none');
    expect(await owner.getByTestId('settings-my-role').textContent()).toContain('Owner');
    expect(await owner.getByTestId('current-tenant-name').textContent()).toContain(WORKSPACE);

    // Its dashboard says so, and offers the owner the way to the settings.
    await owner.goto(DASHBOARD_PATH);
    await owner.getByTestId('not-connected').waitFor();
    expect(await owner.getByTestId('connect-odoo').getAttribute('href')).toBe('/settings/workspace#connection');
    await saveScreenshot(owner, 'workspace-not-connected');
  });

  it('tests the demo Odoo connection, shows what it found, saves it, and the dashboard shows the numbers', async () => {
    await owner.getByTestId('connect-odoo').click();
    await owner.waitForURL('**/settings/workspace#connection');
    await owner.getByLabel('Odoo address').fill(suite.t.demoOdoo!.url);
    await owner.getByLabel('Database').fill('acme');
    await owner.getByLabel('Login').fill('api@acme.example');
    await owner.getByLabel('API key').fill('demo-secret-acme');

    await owner.getByTestId('connection-check').click();
    const report = owner.getByTestId('check-report');
    await report.waitFor({ timeout: 20_000 });
    expect(await report.getAttribute('data-verdict')).toBe('ok');
    expect(await owner.getByTestId('check-version').textContent()).toMatch(/^Odoo \d+\.\d/);
    const apps = await owner
      .getByTestId('check-app-row')
      .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-app'), row.getAttribute('data-status')]));
    expect(apps.length).toBeGreaterThan(0);
    expect(apps.every(([, status]) => status === 'present')).toBe(true);
    expect(apps.map(([app]) => app)).toEqual(expect.arrayContaining(['CRM']));
    // Testing saves nothing.
    expect(await owner.getByTestId('connection-status').getAttribute('data-source')).toBe('none');
    await saveScreenshot(owner, 'workspace-connection-checked');

    await owner.getByTestId('connection-save').click();
    await owner.getByTestId('connection-saved').waitFor();
    expect(await owner.getByTestId('connection-status').getAttribute('data-source')).toBe('workspace');
    expect(await owner.getByLabel('API key').inputValue()).toBe('');
    expect(await owner.getByTestId('connection-secret-hint').textContent()).toContain('Saved secret kept');

    // The settings fit a phone's screen without sideways scrolling.
    await owner.setViewportSize(MOBILE);
    expect((await horizontalOverflow(owner)).page).toBe(0);
    await saveScreenshot(owner, 'workspace-settings-360px');
    await owner.setViewportSize(DESKTOP);

    await owner.goto(DASHBOARD_PATH);
    await waitForTenantData(owner, WORKSPACE);
    const api = await apiView(owner.context(), await tenantIdByName(owner.context(), WORKSPACE));
    expect(await pageKpis(owner)).toEqual(api.kpis);
    expect(Object.values(api.kpis).every((value) => typeof value === 'number')).toBe(true);
  });

  it('invites a colleague, whose link leads through sign-up to the same dashboard', async () => {
    await owner.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.t.url });
    await owner.getByTestId('workspace-settings-link').click();
    await owner.getByTestId('invite-form').waitFor();
    await owner.getByTestId('invite-email').fill(inviteeEmail);
    await owner.getByTestId('invite-role').selectOption('member');
    await owner.getByTestId('invite-submit').click();
    inviteUrl = await owner.getByTestId('invite-url').inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${suite.t.url}/invite/[^/]+$`));
    await owner.getByTestId('invite-copy').click();
    await eventually(async () => expect(await owner.getByTestId('invite-copy').textContent()).toContain('Copied'));
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
    await owner.locator(`[data-testid="invitation-row"][data-email="${inviteeEmail}"]`).waitFor();

    await invitee.goto(inviteUrl);
    expect(await invitee.getByTestId('invite-title').textContent()).toContain(`Join ${WORKSPACE}`);
    expect(await invitee.getByTestId('invite-role').textContent()).toContain('Member');
    await saveScreenshot(invitee, 'invitation-signed-out');
    await invitee.getByTestId('invite-sign-up').click();
    await invitee.waitForURL('**/sign-up?**');
    expect(await invitee.getByLabel('Email').inputValue()).toBe(inviteeEmail);
    await signUp(invitee, 'Ian Invitee', inviteeEmail);

    await invitee.waitForURL('**/invite/**');
    await invitee.getByTestId('invite-accept').click();
    await invitee.waitForURL(`**${DASHBOARD_PATH}`);
    await waitForTenantData(invitee, WORKSPACE);

    // A member's settings are a summary they may leave; the connection is not theirs to see.
    await invitee.getByTestId('workspace-settings-link').click();
    await invitee.getByTestId('settings-summary').waitFor();
    expect(await invitee.getByTestId('connection-form').count()).toBe(0);
    await invitee.goto(DASHBOARD_PATH);
    await waitForTenantData(invitee, WORKSPACE);

    // The link worked once.
    const again = await invitee.context().request.get(`/api/invitations/${inviteUrl.split('/').pop()}`);
    expect(again.status()).toBe(410);
  });

  it('removes the colleague; their next poll is refused and their page says so', async () => {
    await owner.reload();
    const row = owner.locator(`[data-testid="member-row"][data-email="${inviteeEmail}"]`);
    await row.waitFor();
    await row.getByTestId('member-remove').click();
    await row.waitFor({ state: 'detached' });
    await owner.getByTestId('settings-audit').getByRole('button', { name: 'Refresh' }).click();
    await eventually(async () => {
      const actions = await owner.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      expect(actions.slice(0, 2)).toEqual(['member.removed', 'member.joined']);
    });

    await invitee.waitForFunction(
      () => document.querySelector('[data-testid="access-lost"]')?.textContent?.includes('User is not a member of this tenant'),
      undefined,
      { timeout: AFTER_NEXT_POLL_MS },
    );
    // The figures they may no longer see are gone from the page.
    expect(await invitee.locator('[data-testid^="kpi-value-"]').count()).toBe(0);
    await saveScreenshot(invitee, 'removed-member-refused');
  });

  it('lets the removed colleague start a workspace of their own, not connected', async () => {
    await invitee.goto('/workspaces/new');
    await invitee.getByLabel('Name').fill(SECOND_WORKSPACE);
    await invitee.getByTestId('create-workspace').click();
    await invitee.waitForURL('**/settings/workspace#connection');
    expect(await invitee.getByTestId('connection-status').getAttribute('data-source')).toBe('none');
  });

  it('shows an operator both workspaces with their status in the console', async () => {
    const operator = await newPage();
    await signInThroughForm(operator, OPERATOR_DEMO_USER.email, OPERATOR_DEMO_USER.password);
    await operator.getByTestId('admin-link').click();
    await operator.waitForURL('**/admin');
    const badges = (name: string) =>
      operator
        .locator(`[data-testid="admin-tenant-row"][data-name="${name}"] [data-badge]`)
        .evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-badge')));
    await operator.locator(`[data-testid="admin-tenant-row"][data-name="${WORKSPACE}"]`).waitFor();
    expect(await badges(WORKSPACE)).toEqual(['odoo-ok']);
    expect(await badges(SECOND_WORKSPACE)).toEqual(['not-connected', 'never-used']);

    await operator.getByTestId('admin-filter').selectOption('never-used');
    const shown = await operator.getByTestId('admin-tenant-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name')));
    expect(shown).toContain(SECOND_WORKSPACE);
    expect(shown).not.toContain(WORKSPACE);

    await operator.setViewportSize(MOBILE);
    expect((await horizontalOverflow(operator)).page).toBe(0);
    await operator.setViewportSize(DESKTOP);

    const audit = await operator.getByTestId('audit-row').allTextContents();
    expect(audit.some((text) => text.includes(WORKSPACE) && text.includes('Member removed'))).toBe(true);
    await saveScreenshot(operator, 'operator-console');
  });
});

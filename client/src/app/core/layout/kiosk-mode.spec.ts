import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KioskMode } from './kiosk-mode';

@Component({ template: '' })
class Blank {}

describe('KioskMode', () => {
  let kiosk: KioskMode;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'dashboard/company-view', component: Blank },
          { path: 'account', component: Blank },
        ]),
      ],
    });
    harness = await RouterTestingHarness.create();
    kiosk = TestBed.inject(KioskMode);
  });

  afterEach(() => document.documentElement.classList.remove('kiosk'));

  it('is on for the dashboard with kiosk=1, with the kiosk class on the root element', async () => {
    await harness.navigateByUrl('/dashboard/company-view?kiosk=1');
    TestBed.tick();
    expect(kiosk.active()).toBe(true);
    expect(document.documentElement.classList).toContain('kiosk');

    await harness.navigateByUrl('/dashboard/company-view');
    TestBed.tick();
    expect(kiosk.active()).toBe(false);
    expect(document.documentElement.classList).not.toContain('kiosk');
  });

  it('is off for any other value and on any other page', async () => {
    for (const url of ['/dashboard/company-view?kiosk=0', '/dashboard/company-view?kiosk=yes', '/account?kiosk=1']) {
      await harness.navigateByUrl(url);
      expect(kiosk.active()).toBe(false);
    }
  });
});

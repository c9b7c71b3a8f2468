import { Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthStore } from './core/auth/auth-store';
import { AppHeader } from './core/layout/app-header';
import { KioskMode } from './core/layout/kiosk-mode';

/** The shell: a skip link, the header once someone is signed in (not on a wall screen), and the routed page. */
@Component({
  selector: 'cv-root',
  imports: [RouterOutlet, AppHeader],
  templateUrl: './app.html',
})
export class App {
  private readonly auth = inject(AuthStore);
  private readonly kiosk = inject(KioskMode);
  protected readonly showHeader = computed(() => this.auth.user() !== null && !this.kiosk.active());
}

import { Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthStore } from './core/auth/auth-store';
import { AppHeader } from './core/layout/app-header';

/** The shell: a skip link, the header once someone is signed in, and the routed page. */
@Component({
  selector: 'cv-root',
  imports: [RouterOutlet, AppHeader],
  templateUrl: './app.html',
})
export class App {
  private readonly auth = inject(AuthStore);
  protected readonly signedIn = computed(() => this.auth.user() !== null);
}

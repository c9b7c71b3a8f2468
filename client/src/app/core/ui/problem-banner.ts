import { Component, input } from '@angular/core';
import { Icon } from './icon';

/** An error banner: the message as the server gave it, and on a second line what to do about it. */
@Component({
  selector: 'cv-problem-banner',
  imports: [Icon],
  template: `
    <div class="banner banner--error" [attr.data-testid]="testId()">
      <cv-icon name="error" />
      <div class="banner__body">
        <p class="banner__title" data-testid="problem-message">{{ problem().message }}</p>
        @if (problem().hint; as hint) {
          <p data-testid="problem-hint">{{ hint }}</p>
        }
      </div>
    </div>
  `,
})
export class ProblemBanner {
  readonly problem = input.required<{ message: string; hint: string | null }>();
  readonly testId = input<string | null>(null);
}

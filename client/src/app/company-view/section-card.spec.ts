import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SectionCard } from './section-card';

@Component({
  imports: [SectionCard],
  template: `
    <cv-section-card key="projects" title="Open tasks" [rowCount]="1" [count]="37" [collapsible]="collapsible()">
      <p data-testid="content">the table</p>
    </cv-section-card>
  `,
})
class Host {
  readonly collapsible = signal(false);
}

describe('SectionCard', () => {
  async function render(collapsible: boolean) {
    TestBed.resetTestingModule();
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.collapsible.set(collapsible);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows its count beside the title and its content, with no button on a wide screen', async () => {
    const { element } = await render(false);
    expect(element.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Open tasks 37');
    expect(element.querySelector('button')).toBeNull();
    expect(element.querySelector<HTMLElement>('.section__body')?.hidden).toBe(false);
  });

  it('folds to its heading on a phone, the heading being a button that opens and closes it', async () => {
    const { fixture, element } = await render(true);
    const button = element.querySelector<HTMLButtonElement>('h2 button')!;
    const body = element.querySelector<HTMLElement>('.section__body')!;
    expect(button.textContent?.replace(/\s+/g, ' ').trim()).toBe('Open tasks 37');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-controls')).toBe(body.id);
    expect(body.hidden).toBe(true);

    button.click();
    await fixture.whenStable();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(body.hidden).toBe(false);
    expect(element.querySelector('[data-testid="content"]')).not.toBeNull();
  });
});

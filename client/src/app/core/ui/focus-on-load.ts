import { afterNextRender, Directive, ElementRef, inject } from '@angular/core';

/**
 * Moves keyboard and screen-reader focus to the element (a page's heading) once it is first drawn, so
 * that after a navigation the reader starts at the new page instead of the link that led there.
 */
@Directive({
  selector: '[cvFocusOnLoad]',
  host: { tabindex: '-1', class: 'focus-target' },
})
export class FocusOnLoad {
  constructor() {
    const element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    afterNextRender(() => element.focus({ preventScroll: true }));
  }
}

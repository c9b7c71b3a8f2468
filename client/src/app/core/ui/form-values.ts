/** The text of the input an `input` or `change` event came from. */
export function inputValue(event: Event): string {
  return (event.target as HTMLInputElement | null)?.value ?? '';
}

/** Shaped like an email address (something@somewhere); the server has the last word. */
export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(text);
}

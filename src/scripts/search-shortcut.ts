/** Keyboard access to search from every page. */
/** `/` or Ctrl-K (⌘K) puts the cursor in the header's search box, from anywhere but a text field. */
export function setUpSearchShortcut(): void {
  const input = document.querySelector<HTMLInputElement>('#site-search-input');
  if (!input) return;
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
    const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    const commandK = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey);
    if (!slash && !commandK) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

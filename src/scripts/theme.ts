/**
 * The light/dark toggle: follows the system until the reader chooses, then remembers the choice.
 * Without scripts the button stays hidden and the system's preference applies.
 */
const KEY = 'apparatus-theme';

function current(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset['theme'];
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function setUpThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('.theme-toggle');
  if (!button) return;
  const render = () => {
    const dark = current() === 'dark';
    button.setAttribute('aria-pressed', String(dark));
    button.textContent = 'Dark theme';
    button.title = dark ? 'Switch to the light theme' : 'Switch to the dark theme';
  };
  button.hidden = false;
  render();
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset['theme'] = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private browsing may refuse storage: the choice then lasts for this page only.
    }
    render();
  });
}


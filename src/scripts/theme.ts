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
  // The button says what it will do, in either theme ("Dark" in the light one): a label that
  // changes is clearer than a toggle whose pressed state a reader must interpret.
  const render = () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    button.textContent = next === 'dark' ? 'Dark' : 'Light';
    button.setAttribute('aria-label', `Switch to the ${next} theme`);
    button.title = `Switch to the ${next} theme`;
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


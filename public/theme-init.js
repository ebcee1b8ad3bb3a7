// Applies the reader's saved light/dark choice before the page paints (no flash of the other theme).
try {
  var theme = localStorage.getItem('apparatus-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {}

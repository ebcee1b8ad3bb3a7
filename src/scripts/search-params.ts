/** The URL parameter that carries a search's terms to the page a result leads to, for highlighting. */
export const HIGHLIGHT_PARAM = 'highlight';

/**
 * citation-js, configured as Apparatus reads and writes bibliographies. Its settings are global to
 * the library (one registry of plugins per process), so they are set by this one call, made by each
 * function that uses citation-js, rather than as a side effect of importing some module.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';

let configured = false;

/** The Cite class, with Apparatus's settings applied (once per process; later calls only return it). */
function citationJs(): typeof Cite {
  if (!configured) {
    const bibtex = plugins.config.get('@bibtex');
    // Apparatus reads BibTeX itself (bibtex/, as Pandoc reads it); should citation-js ever read a
    // title, it must leave it as written.
    bibtex.parse.sentenceCase = 'never';
    // Keys as written: citation-js would replace any key holding "-" or ":" (valid in BibTeX and
    // biber) with one it makes up.
    bibtex.format.checkLabel = false;
    configured = true;
  }
  return Cite;
}

/** A citation-js Cite of `input`, with Apparatus's settings applied first. */
export function cite(...args: ConstructorParameters<typeof Cite>): InstanceType<typeof Cite> {
  const Configured = citationJs();
  return new Configured(...args);
}

/** The tests' shortcut to an essay's page: its pass, made from its sources, or its diagnostics thrown. */
import { SourceError } from '../../src/lib/diagnostics.ts';
import { passEssay, type RenderedEssay, type RenderInput } from '../../src/render/render.ts';
import { renderInput } from '../../src/render/render-input.ts';
import type { EssaySource } from '../../src/sources/essay-source.ts';

export async function renderFromInput(input: RenderInput): Promise<RenderedEssay> {
  const pass = await passEssay(input);
  if (!pass.rendered) throw new SourceError(pass.check.diagnostics);
  return pass.rendered;
}

export function renderEssay(essay: EssaySource, options: { readonly base?: string } = {}): Promise<RenderedEssay> {
  return renderFromInput(renderInput(essay, options));
}

/** The MathML of formulas, as HTML's validators read it (src/markdown/math.ts, math-typeset.ts). */
import { describe, expect, it } from 'vitest';
import { scriptLevelsInMstyle } from '../../src/markdown/math-typeset.ts';

describe('scriptlevel', () => {
  it('moves scriptlevel from any element to an mstyle around it, keeping each parent\'s count of children', () => {
    const temml = '<math><msub><mi>x</mi><mi scriptlevel="2">T</mi></msub><mrow scriptlevel="1"><mi>u</mi></mrow><mspace scriptlevel="1"/></math>';
    expect(scriptLevelsInMstyle(temml)).toBe(
      '<math><msub><mi>x</mi><mstyle scriptlevel="2"><mi>T</mi></mstyle></msub><mstyle scriptlevel="1"><mrow><mi>u</mi></mrow></mstyle><mstyle scriptlevel="1"><mspace/></mstyle></math>',
    );
  });

  it('leaves an mstyle\'s own scriptlevel and MathML without one as they are', () => {
    const mathml = '<math><mstyle scriptlevel="1"><mi>a</mi></mstyle><mi>b</mi></math>';
    expect(scriptLevelsInMstyle(mathml)).toBe(mathml);
  });
});

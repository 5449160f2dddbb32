// axe-core in the page: run it, keep the violations that matter, say where they are.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;

/** Impacts that fail the suite. */
export const FAILING_IMPACTS = ['serious', 'critical'];

/**
 * Runs axe-core on the page as it is now (injecting it first when the page lacks it) and returns
 * the violations whose impact is serious or critical, each with the page's URL.
 */
export async function audit(page) {
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  const url = page.url();
  return results.violations
    .filter((v) => FAILING_IMPACTS.includes(v.impact))
    .map((v) => ({
      url,
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        // A target is a CSS selector, or a list of them through iframes and shadow roots.
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', '),
        html: n.html.length > 160 ? `${n.html.slice(0, 157)}...` : n.html,
        summary: n.failureSummary ?? '',
      })),
    }));
}

/** Elements printed per violation; the JSON report under target/e2e/axe/ has them all. */
const NODES_SHOWN = 5;

/** One readable block: rule id, impact, selectors and page for each violation. */
export function formatViolations(violations) {
  if (violations.length === 0) return '';
  const lines = [`axe-core: ${violations.length} serious or critical violation(s)`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help}`);
    lines.push(`    page: ${v.url}`);
    lines.push(`    rule: ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, NODES_SHOWN)) {
      lines.push(`    target: ${n.target}`);
      lines.push(`      html: ${n.html}`);
      const why = n.summary
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s && !/^Fix (any|all) of the following:$/.test(s));
      for (const s of why.slice(0, 2)) lines.push(`      ${s}`);
    }
    if (v.nodes.length > NODES_SHOWN) {
      lines.push(`    ... and ${v.nodes.length - NODES_SHOWN} more element(s) (see target/e2e/axe/)`);
    }
  }
  return lines.join('\n');
}

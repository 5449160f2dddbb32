// Flow 1 — a visitor finds a commitment: home page, an area, a commitment with its verbatim text
// and its citation.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { launch, withVisit } from '../lib/browser.js';
import { normalise, openACommitment, openJapanUkHome } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

test('find a commitment from the home page through its area', { timeout: 90_000 }, (t) =>
  withVisit(browser, t, async (visit) => {
    await openJapanUkHome(visit);
    await visit.screenshot('home');

    const listed = await openACommitment(visit, { screenshots: true });
    const page = visit.page;

    const quote = page.locator('main blockquote');
    assert.equal(await quote.count(), 1, 'the commitment page quotes the commitment once');
    const verbatim = normalise(await quote.innerText());
    assert.ok(verbatim.length > 10, `verbatim text shown: "${verbatim}"`);
    // The area page lists the same words the commitment page quotes.
    const start = listed.slice(0, 40).replace(/[….]+$/, '');
    assert.ok(verbatim.includes(start), `"${verbatim}" quotes the listed "${listed}"`);

    const citation = page.locator('main .citation a[href^="/documents/"]').first();
    assert.equal(await citation.count(), 1, 'the commitment page has a citation link');
    assert.match(await citation.getAttribute('href'), /^\/documents\/[^/#?]+#[^#\s]+$/);
    assert.ok(normalise(await citation.innerText()).length > 0, 'the citation link has text');

    await visit.screenshot('commitment');
  }),
);

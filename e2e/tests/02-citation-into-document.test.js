// Flow 2 — from a commitment's citation into the document: the cited paragraph exists, is the
// target, and highlights the commitment with a link back.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { launch, withVisit } from '../lib/browser.js';
import { openACommitment, openJapanUkHome } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

test('follow the citation into the document', { timeout: 90_000 }, (t) =>
  withVisit(browser, t, async (visit) => {
    await openJapanUkHome(visit);
    await openACommitment(visit);
    const commitmentPath = visit.where();
    const page = visit.page;

    const citation = page.locator('main .citation a[href^="/documents/"]').first();
    const href = await citation.getAttribute('href');
    const anchor = href.split('#')[1];
    assert.ok(anchor, `the citation ${href} names a paragraph`);

    // The citation's id address leads to the document's readable one, keeping the paragraph.
    await visit.follow(citation);
    const at = new URL(page.url());
    assert.match(at.pathname, /^\/p\/japan-uk\/documents\/[a-z0-9._-]+$/, 'the document under its readable address');
    assert.equal(at.hash, `#${anchor}`, 'the browser is at the cited paragraph');

    const cited = page.locator(`[id="${anchor}"]`);
    assert.equal(await cited.count(), 1, `one element with id "${anchor}"`);
    assert.ok(
      await cited.evaluate((el) => el.matches(':target')),
      `#${anchor} is the page's :target`,
    );
    // Not flush at the top of the window: the scroll margin leaves room for what is above it.
    const box = await cited.boundingBox();
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.ok(scrolled === 0 || box.y >= 40, `#${anchor} sits ${box.y}px from the top, below a margin`);
    const highlight = cited.locator(`a.commitment[href="${commitmentPath}"]`);
    assert.ok(
      (await highlight.count()) >= 1,
      `#${anchor} highlights the commitment with a link back to ${commitmentPath}`,
    );
    assert.ok(await highlight.first().isVisible(), 'the highlighted commitment is visible');

    await visit.screenshot('document');
  }),
);

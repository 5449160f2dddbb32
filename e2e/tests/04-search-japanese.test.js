// Flow 4 — search in Japanese: 半導体 finds the Japanese fixture document
// (e2e/fixtures/japanese, ingested by run.sh), with the words marked.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { launch, withVisit } from '../lib/browser.js';
import { japaneseFixture } from '../lib/config.js';
import { partnerships, searchResults } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

const QUERY = '半導体';

test('search 半導体 finds the Japanese outcome document', { timeout: 90_000 }, (t) =>
  withVisit(browser, t, async (visit) => {
    const stored = (await partnerships(visit)).map((p) => p.id);
    assert.ok(
      stored.includes(japaneseFixture.partnership),
      `the Japanese fixture is stored (kizuna ingest --dataset e2e/fixtures/japanese, as run.sh does); stored: ${stored.join(', ')}`,
    );
    await visit.open('/search');
    const box = visit.page.locator('main form[role="search"] input[name="q"]');
    await box.fill(QUERY);
    await visit.navigate(() => box.press('Enter'));
    assert.equal(new URL(visit.page.url()).searchParams.get('q'), QUERY);

    const results = await searchResults(visit);
    assert.ok(results.length > 0, 'results appear');
    const fromFixture = results.filter((r) => r.details.includes(japaneseFixture.documentTitle));
    assert.ok(
      fromFixture.length > 0,
      `a result comes from 「${japaneseFixture.documentTitle}」; got: ${results.map((r) => r.details).join(' | ')}`,
    );
    const hit = fromFixture[0];
    assert.ok(hit.marks.length > 0, `the snippet marks the words found: ${hit.snippet}`);
    // Japanese is indexed as character bigrams: a mark covers all of 半導体 or a part of it.
    for (const mark of hit.marks) {
      assert.ok(mark.length >= 2 && QUERY.includes(mark), `marked 「${mark}」 is part of ${QUERY}`);
    }
    assert.ok(hit.snippet.includes(QUERY), `the snippet shows ${QUERY}: ${hit.snippet}`);
    await visit.screenshot('search-ja');

    await visit.follow(hit.link);
    assert.equal(visit.where(), hit.href);
    assert.ok((await visit.page.locator('main').innerText()).includes(QUERY), `the page shows ${QUERY}`);

    // Each sentence is one hit: a passage or evidence leads into the document, a commitment to
    // its page, whose citation does. Either way the Japanese text is reached at its paragraph.
    const intoText = fromFixture.find((r) => r.href.startsWith('/documents/'));
    let cited = intoText?.href;
    if (!cited) {
      await visit.open(fromFixture[0].href);
      cited = await visit.page.locator('main .citation a[href^="/documents/"]').first().getAttribute('href');
    }
    assert.ok(cited, 'a result leads into the fixture document');
    await visit.open(cited);
    const anchor = cited.split('#')[1];
    const paragraph = visit.page.locator(`[id="${anchor}"]`);
    assert.equal(await paragraph.count(), 1, `one element with id "${anchor}"`);
    assert.ok((await paragraph.innerText()).includes(QUERY), `#${anchor} holds ${QUERY}`);
    assert.equal(
      await paragraph.evaluate((el) => el.closest('[lang]')?.getAttribute('lang')),
      'ja',
      'the Japanese text is marked lang="ja"',
    );
    await visit.screenshot('document-ja');
  }),
);

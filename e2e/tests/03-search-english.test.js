// Flow 3 — search in English: the header's search box, and the search page by its URL.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { launch, withVisit } from '../lib/browser.js';
import { headerSearchBox, openJapanUkHome, searchResults } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

const LEADS_SOMEWHERE = /^\/(commitments\/[^/?#]+|documents\/[^/?#]+(#.+)?)$/;

test('search "Open RAN" from the header', { timeout: 90_000 }, (t) =>
  withVisit(browser, t, async (visit) => {
    await openJapanUkHome(visit);
    const box = headerSearchBox(visit);
    assert.equal(await box.getAttribute('name'), 'q', 'the header search box is input[name=q]');
    await box.fill('Open RAN');
    await visit.navigate(() => box.press('Enter'));

    const url = new URL(visit.page.url());
    assert.equal(url.pathname, '/search');
    assert.equal(url.searchParams.get('q'), 'Open RAN');

    const results = await searchResults(visit);
    assert.ok(results.length > 0, 'results appear');
    const [first] = results;
    assert.ok(first.marks.length > 0, `the first snippet marks the words found: ${first.snippet}`);
    for (const mark of first.marks) assert.match(mark, /^(open|ran)/i, `marked "${mark}"`);
    assert.match(first.href, LEADS_SOMEWHERE, 'the first result links to a commitment or document');
    await visit.screenshot('search');

    await visit.follow(first.link);
    assert.equal(visit.where(), first.href);
    assert.match(await visit.page.locator('main').innerText(), /open ran/i);
  }),
);

test('the search page answers /search?q=semiconductor+workshop', { timeout: 90_000 }, (t) =>
  withVisit(browser, t, async (visit) => {
    await visit.open('/search?q=semiconductor+workshop');
    assert.equal(
      await visit.page.locator('main form[role="search"] input[name="q"]').inputValue(),
      'semiconductor workshop',
      'the search page keeps the query in its box',
    );
    const results = await searchResults(visit);
    assert.ok(results.length > 0, 'results appear');
    const [first] = results;
    assert.ok(first.marks.length > 0, `the first snippet marks the words found: ${first.snippet}`);
    for (const mark of first.marks) assert.match(mark, /^(semiconductor|workshop)/i, `marked "${mark}"`);
    assert.match(first.href, LEADS_SOMEWHERE, 'the first result links to a commitment or document');
    await visit.screenshot('search-page');
  }),
);

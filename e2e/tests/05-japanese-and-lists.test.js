// Flow 5 — the site in Japanese, and a list narrowed with its form: from the Japan-UK home page
// the language switch leads to the same page in Japanese (Japanese headings, Japanese dates);
// the list of all commitments is filtered by status and sorted by due date with its form, and
// the query string says so.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { launch, withVisit } from '../lib/browser.js';
import { normalise, openJapanUkHome } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

test('switch to Japanese, then filter and sort the list of commitments', { timeout: 90_000 }, (t) =>
  withVisit(browser, t, async (visit) => {
    const page = visit.page;
    await openJapanUkHome(visit);

    await visit.follow(page.locator('header nav.lang a[hreflang="ja"]'));
    assert.equal(visit.where(), '/ja/p/japan-uk', 'the switch keeps the page');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    assert.equal(normalise(await page.locator('h1').innerText()), '日英デジタルパートナーシップ');
    const dates = normalise(await page.locator('#documents ~ table').first().innerText());
    assert.match(dates, /\d{4}年\d{1,2}月\d{1,2}日/, `documents are dated the Japanese way: ${dates}`);
    await visit.screenshot('home-ja');

    await visit.follow(page.locator('main a[href="/ja/p/japan-uk/commitments"]'));
    assert.equal(visit.where(), '/ja/p/japan-uk/commitments');
    const all = await page.locator('main table tbody tr').count();
    assert.ok(all > 10, `all commitments are listed (${all})`);

    await page.locator('#f-status').selectOption('no-evidence');
    await page.locator('#f-sort').selectOption('due');
    await visit.navigate(() => page.locator('form.filters button[type="submit"]').click());
    const query = new URL(page.url()).searchParams;
    assert.equal(query.get('status'), 'no-evidence');
    assert.equal(query.get('sort'), 'due');
    const rows = page.locator('main table tbody tr');
    const shown = await rows.count();
    assert.ok(shown > 0 && shown < all, `the filter narrows the list (${shown} of ${all})`);
    const tags = await rows.locator('td:nth-child(2) .tag:not(.overdue):not(.machine)').allInnerTexts();
    assert.ok(tags.every((tag) => normalise(tag) === '進捗情報なし'), `every row has the status asked for: ${tags}`);
    // No person has reviewed these yet: each says its status is the engine's reading.
    const machine = await rows.locator('td:nth-child(2) .tag.machine').allInnerTexts();
    assert.ok(machine.length > 0 && machine.every((tag) => normalise(tag) === '機械判定'), `marked as machine readings: ${machine}`);
    await visit.screenshot('commitments-ja-filtered');
  }),
);

// Flow 7 — a visitor downloads the commitments as CSV from the list of commitments: the open-data
// table with its header row, every public commitment, each with its status today.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';

import { launch, withVisit } from '../lib/browser.js';
import { openJapanUkHome } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

test('download the commitments as CSV', { timeout: 90_000 }, (t) =>
  withVisit(browser, t, async (visit) => {
    await openJapanUkHome(visit);
    await visit.open('/p/japan-uk/commitments');
    const page = visit.page;
    const link = page.locator('main a[href$="/open-data/commitments.csv"]');
    assert.equal(await link.count(), 1, 'the list offers the CSV');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'japan-uk-commitments.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header.split(',');
    for (const column of ['id', 'text', 'area', 'status']) {
      assert.ok(columns.includes(column), `the header names ${column}: ${header}`);
    }
    assert.ok(rows.length >= 50, `every public commitment is a row (${rows.length})`);
    await visit.screenshot('commitments-with-csv');
  }),
);

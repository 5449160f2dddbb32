// Kizuna's pages as a visitor finds them: the steps several flows share.

import assert from 'node:assert/strict';

/** The partnerships stored on the server (from the JSON API). */
export async function partnerships(visit) {
  const response = await fetch(visit.url('/api/v1/partnerships'));
  assert.equal(response.status, 200, 'GET /api/v1/partnerships');
  return (await response.json()).partnerships;
}

/**
 * From `/` to the Japan-UK home page: `/` redirects there when it is the only partnership, and
 * lists the partnerships when there are several (run.sh also stores the Japanese fixture).
 */
export async function openJapanUkHome(visit) {
  const stored = await partnerships(visit);
  await visit.open('/');
  if (stored.length === 1) {
    assert.equal(visit.where(), '/p/japan-uk', '`/` redirects to the only partnership');
  } else {
    assert.equal(visit.where(), '/', '`/` lists the partnerships when there are several');
    await visit.screenshot('index');
    await visit.follow(
      visit.page.locator('main').getByRole('link', { name: 'Japan-UK Digital Partnership', exact: true }),
    );
    assert.equal(visit.where(), '/p/japan-uk');
  }
  await assertHeading(visit, 'Japan-UK Digital Partnership');
}

/**
 * From the Japan-UK home page to a commitment: an area in the areas table, then a commitment
 * listed there. Returns the text of the link followed.
 */
export async function openACommitment(visit, { screenshots = false } = {}) {
  const page = visit.page;
  const areaLink = page.locator('main table a[href*="/areas/"]').first();
  await assert.doesNotReject(areaLink.waitFor(), 'the home page links to the areas');
  const areaName = normalise(await areaLink.innerText());
  await visit.follow(areaLink);
  assert.match(visit.where(), /^\/p\/japan-uk\/areas\/[^/]+$/);
  await assertHeading(visit, areaName);
  if (screenshots) await visit.screenshot('area');

  const commitmentLink = page.locator('main a[href^="/commitments/"]').first();
  await assert.doesNotReject(commitmentLink.waitFor(), `area ${areaName} lists commitments`);
  const text = normalise(await commitmentLink.innerText());
  await visit.follow(commitmentLink);
  assert.match(visit.where(), /^\/commitments\/[^/?#]+$/);
  return text;
}

/** The one `h1` of the page reads `expected`. */
export async function assertHeading(visit, expected) {
  const h1 = visit.page.locator('h1');
  assert.equal(await h1.count(), 1, `one h1 on ${visit.where()}`);
  assert.equal(normalise(await h1.innerText()), expected, `h1 of ${visit.where()}`);
}

/** The header's search box: a search landmark with an input labelled "Search". */
export function headerSearchBox(visit) {
  return visit.page.locator('header form[role="search"]').getByLabel('Search', { exact: true });
}

/** The results of a search page, in order, each with its link, snippet marks and details. */
export async function searchResults(visit) {
  const items = visit.page.locator('main ol > li');
  const results = [];
  for (const item of await items.all()) {
    const link = item.locator('a[href]').first();
    results.push({
      item,
      link,
      href: await link.getAttribute('href'),
      snippet: normalise(await link.innerText()),
      marks: (await link.locator('mark').allInnerTexts()).map(normalise),
      details: normalise(await item.innerText()),
    });
  }
  return results;
}

/** Collapses runs of white space. */
export function normalise(text) {
  return text.replace(/\s+/g, ' ').trim();
}

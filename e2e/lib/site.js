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

/** The header's account navigation: "Sign in", or the person's name, their links and "Sign out". */
export function accountNav(visit) {
  return visit.page.locator('header nav.account');
}

/**
 * Signs `person` ({ user, password }) in the way a person does: the header's "Sign in" link (from
 * `/` when the visit is on no page yet), the sign-in form, back on the site signed in.
 */
export async function signIn(visit, { user, password }) {
  const page = visit.page;
  if (!page.url().startsWith('http')) await visit.open('/');
  await visit.follow(accountNav(visit).getByRole('link', { name: 'Sign in', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/login');
  await assertHeading(visit, 'Sign in');
  const form = page.locator('main form');
  await form.getByLabel('User name').fill(user);
  await form.getByLabel('Password').fill(password);
  await visit.navigate(() => form.getByRole('button', { name: 'Sign in' }).click());
  assert.notEqual(new URL(page.url()).pathname, '/login', `${user} is signed in, not sent back to the form`);
  await assert.doesNotReject(
    accountNav(visit).getByRole('button', { name: 'Sign out' }).waitFor(),
    `the header offers ${user} "Sign out"`,
  );
}

/** Signs out with the header's "Sign out" button; the site then offers "Sign in" again. */
export async function signOut(visit) {
  await visit.submit(accountNav(visit).getByRole('button', { name: 'Sign out' }));
  await assert.doesNotReject(
    accountNav(visit).getByRole('link', { name: 'Sign in', exact: true }).waitFor(),
    'signed out: the header offers "Sign in" again',
  );
}

/** Collapses runs of white space. */
export function normalise(text) {
  return text.replace(/\s+/g, ' ').trim();
}

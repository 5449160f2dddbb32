// Flow 9 — on a phone. A visitor with a 390 px wide screen opens every kind of public page, in
// English and in Japanese: no page is wider than the screen (tables scroll inside their own box,
// the chart scales), so nothing scrolls sideways. Each page is kept as a screenshot.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { launch, withVisit } from '../lib/browser.js';

const browser = await launch();
after(() => browser.close());

const PHONE = { width: 390, height: 844 };

async function api(visit, path) {
  const response = await fetch(visit.url(path));
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

/** One page of each kind of the Japan-UK record. */
async function pages(visit) {
  const home = await api(visit, '/api/v1/partnerships/japan-uk');
  const { commitments } = await api(visit, '/api/v1/partnerships/japan-uk/commitments?per_page=500');
  const longest = [...commitments].sort((a, b) => b.text.length - a.text.length)[0];
  return [
    '/p/japan-uk',
    '/p/japan-uk/commitments',
    `/p/japan-uk/areas/${encodeURIComponent(longest.area)}`,
    `/commitments/${longest.id}`,
    `/documents/${home.documents[0].id}`,
    '/p/japan-uk/report',
    '/p/japan-uk/governance',
    '/p/japan-uk/organisations',
    '/search?q=semiconductor',
    '/methodology',
  ];
}

test('no public page is wider than a 390 px phone, in English or Japanese', { timeout: 300_000 }, (t) =>
  withVisit(
    browser,
    t,
    async (visit) => {
      const wide = [];
      for (const path of await pages(visit)) {
        for (const prefix of ['', '/ja']) {
          await visit.open(`${prefix}${path}`);
          const [scroll, inner] = await visit.page.evaluate(() => [
            document.documentElement.scrollWidth,
            window.innerWidth,
          ]);
          if (scroll > inner) {
            // Name what sticks out: the innermost elements whose right edge passes the screen's.
            const culprits = await visit.page.evaluate(() =>
              [...document.querySelectorAll('main *')]
                .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
                .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
                .slice(0, 3)
                .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`),
            );
            wide.push(`${prefix}${path}: ${scroll} px (${culprits.join(', ')})`);
          }
          await visit.screenshot(`phone${prefix.replace('/', '-')}${path.replace(/[^a-z0-9]+/gi, '-')}`);
        }
      }
      assert.deepEqual(wide, [], `pages wider than the ${PHONE.width} px screen`);
    },
    { viewport: PHONE },
  ),
);

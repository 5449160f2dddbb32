// Flow 6 — keeping the record. A person who keeps it (role `reviewer`, created by run.sh with
// `kizuna user add`) signs in through the sign-in form, accepts a link the machine proposed from
// the review queue, records evidence by hand on a commitment's editing page (and a restricted
// note), sees the commitment's public page change status and list the evidence, and signs out.
// The administrator then finds the audit chain intact with those changes in it; an anonymous
// visitor sees the new status and the evidence, but neither the note nor the editing pages.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { launch, withSignedInVisit, withVisit } from '../lib/browser.js';
import { people } from '../lib/config.js';
import { accountNav, assertHeading, normalise, signOut } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

const { editor, admin } = people;
const skip =
  editor && admin
    ? false
    : 'KIZUNA_E2E_EDITOR, KIZUNA_E2E_ADMIN and their _PASSWORD variables are not set (run.sh creates these people)';

const EVIDENCE = {
  text: 'Telecoms Policy Dialogue held on 19 November 2024',
  date: '2024-11-19',
  shown: '19 November 2024',
  source: 'https://example.org/uk-japan-telecoms-policy-dialogue-2024',
};
const RATIONALE = 'The statement reports on this undertaking.';
const NOTE = `Restricted: waiting for the UK side's read-out of the dialogue (e2e run ${Date.now()})`;

// What the first flow changed, for the flows after it (node:test runs a file's tests in order).
const changed = { commitment: undefined, evidenceId: undefined, decidedOn: undefined };

/**
 * A one-off Japan-UK commitment not delivered yet, made before the evidence's date (evidence
 * dated before a commitment counts only from the day it was made): one without any evidence
 * first, a telecoms one when there is one.
 */
async function aCommitmentToDeliver(visit) {
  const get = async (path) => {
    const response = await fetch(visit.url(path));
    assert.equal(response.status, 200, `GET ${path}`);
    return response.json();
  };
  const home = await get('/api/v1/partnerships/japan-uk');
  const madeBefore = new Set(home.documents.filter((d) => d.date && d.date <= EVIDENCE.date).map((d) => d.id));
  const { commitments } = await get('/api/v1/partnerships/japan-uk/commitments?kind=one-off&per_page=500');
  const candidates = commitments.filter(
    (c) => c.status.status !== 'delivered' && !c.status.assessed && madeBefore.has(c.document_id),
  );
  assert.ok(candidates.length > 0, `a one-off commitment made before ${EVIDENCE.date} is not delivered yet`);
  const rank = (c) => (c.status.status === 'no-evidence' ? 0 : 2) + (/telecom/i.test(c.text) ? 0 : 1);
  return candidates.sort((a, b) => rank(a) - rank(b))[0];
}

/** The status shown under "Status today" on a public commitment page (as written, not as styled). */
async function statusToday(visit) {
  const tag = visit.page.locator('main h2:text-is("Status today") + p .tag').first();
  return normalise(await tag.textContent());
}

/** The rows of the "Status over time" table: { from, status }. */
async function statusHistory(visit) {
  const rows = visit.page.locator('main table:has(caption:text-is("Status over time")) tbody tr');
  const history = [];
  for (const row of await rows.all()) {
    history.push({
      from: normalise(await row.locator('td').nth(0).textContent()),
      status: normalise(await row.locator('td').nth(1).textContent()),
    });
  }
  return history;
}

/** The evidence recorded by hand is in the commitment page's "Evidence" list, with its source. */
async function assertRecordedEvidence(visit) {
  const item = visit.page.locator('main ol.timeline > li', { hasText: EVIDENCE.text });
  assert.equal(await item.count(), 1, 'the "Evidence" list has the evidence recorded by hand');
  const text = normalise(await item.textContent());
  for (const shown of [EVIDENCE.shown, 'delivered', `Recorded by hand by ${editor.user}`]) {
    assert.ok(text.includes(shown), `the evidence shows "${shown}": ${text}`);
  }
  assert.equal(await item.getByRole('link', { name: 'Source' }).getAttribute('href'), EVIDENCE.source);
}

test(
  'a reviewer signs in, accepts a proposed link, records evidence and sees the status change',
  { timeout: 180_000, skip },
  (t) =>
    withSignedInVisit(browser, t, editor, async (visit) => {
      const page = visit.page;
      const nav = accountNav(visit);
      assert.match(normalise(await nav.innerText()), /\(reviewer\)/, 'the header names the role');
      // The longer signed-in navigation wraps; the header's dark bar must hold it (its links are
      // white: outside the bar they would be white on white).
      const [bar, links] = await Promise.all([page.locator('header.site').boundingBox(), nav.boundingBox()]);
      assert.ok(
        links.y >= bar.y && links.y + links.height <= bar.y + bar.height + 0.5,
        `the account navigation (${links.y}–${links.y + links.height}) is inside the header (${bar.y}–${bar.y + bar.height})`,
      );
      await visit.screenshot('signed-in');

      // --- the review queue: choose the partnership, accept the best proposal -----------------
      await visit.follow(nav.getByRole('link', { name: 'Review queue' }));
      assert.equal(new URL(page.url()).pathname, '/review');
      await assertHeading(visit, 'Review queue');
      await page.locator('main form[method="get"]').getByLabel('Partnership').selectOption('japan-uk');
      await visit.navigate(() => page.locator('main form[method="get"]').getByRole('button', { name: 'Show' }).click());
      assert.equal(new URL(page.url()).searchParams.get('partnership'), 'japan-uk');

      const waiting = async () => {
        const text = normalise(await page.locator('main p', { hasText: /wait(s)? for a decision/ }).innerText());
        return text.startsWith('One ') ? 1 : Number.parseInt(text, 10);
      };
      const before = await waiting();
      assert.ok(before > 0, `proposed links wait for a decision (${before})`);
      const proposal = page.locator('main article.decision').first();
      const evidenceId = await proposal.locator('input[name="evidence_id"]').inputValue();
      const commitmentId = await proposal.locator('input[name="commitment_id"]').inputValue();
      const editHref = await proposal.locator(`a[href="/commitments/${commitmentId}/edit"]`).getAttribute('href');
      await visit.screenshot('review-queue');

      await proposal.getByLabel('Decision').selectOption('accepted');
      await proposal.getByLabel('Rationale').fill(RATIONALE);
      await visit.submit(proposal.getByRole('button', { name: 'Decide' }));
      assert.equal(new URL(page.url()).pathname, '/review', 'the decision sends the reviewer back to the queue');
      assert.equal(await waiting(), before - 1, 'one proposal fewer waits');
      const same = page.locator(
        `main article.decision:has(input[name="evidence_id"][value="${evidenceId}"]):has(input[name="commitment_id"][value="${commitmentId}"])`,
      );
      assert.equal(await same.count(), 0, 'the decided proposal has left the queue');

      // The accepted link counts for the commitment, and the decision is in its own trail.
      await visit.open(editHref);
      await assertHeading(visit, 'Keep this record');
      const linked = page.locator(`main article.decision:has(input[name="evidence_id"][value="${evidenceId}"])`);
      assert.equal(await linked.count(), 1, 'the evidence is among the linked evidence');
      const decided = page.locator('main h2#trail + table tbody tr', { hasText: 'link.accept' });
      assert.equal(await decided.count(), 1, 'the trail shows the link accepted');
      const row = normalise(await decided.innerText());
      for (const shown of [editor.user, '"accepted"', RATIONALE]) {
        assert.ok(row.includes(shown), `the trail's entry shows ${shown}: ${row}`);
      }
      changed.decidedOn = commitmentId;

      // --- a commitment not delivered yet: its public page, then its editing page --------------------
      const target = await aCommitmentToDeliver(visit);
      await visit.open(`/commitments/${target.id}`);
      const statusBefore = await statusToday(visit);
      assert.notEqual(statusBefore, 'Delivered', 'not delivered before');
      await visit.follow(page.locator('main').getByRole('link', { name: 'Keep this record' }));
      assert.equal(visit.where(), `/commitments/${target.id}/edit`);
      await assertHeading(visit, 'Keep this record');

      const evidence = page.locator('main form:has(#evidence-text)');
      await evidence.getByLabel('What happened').fill(EVIDENCE.text);
      await evidence.getByLabel('When').fill(EVIDENCE.date);
      await evidence.getByLabel('Source (web address)').fill(EVIDENCE.source);
      await evidence.getByLabel('Relation').selectOption('delivered');
      await evidence.getByLabel('Handling').selectOption('public');
      await visit.submit(evidence.getByRole('button', { name: 'Record evidence' }));
      assert.equal(visit.where(), `/commitments/${target.id}/edit`, 'back on the editing page');
      changed.commitment = target.id;

      const recorded = page.locator('main h3:text-is("Recorded by hand") + ul > li', { hasText: EVIDENCE.text });
      assert.equal(await recorded.count(), 1, 'the evidence is listed as recorded by hand');
      const item = normalise(await recorded.textContent());
      for (const shown of [EVIDENCE.shown, 'delivered', 'public', editor.user]) {
        assert.ok(item.includes(shown), `the recorded evidence shows "${shown}": ${item}`);
      }
      assert.equal(
        await recorded.getByRole('link', { name: 'Source' }).getAttribute('href'),
        EVIDENCE.source,
        'with its source link',
      );

      // A note only people who may see restricted records read.
      const note = page.locator('main form:has(#note-text)');
      await note.getByLabel('Note').fill(NOTE);
      await note.getByLabel('Handling').selectOption('restricted');
      await visit.submit(note.getByRole('button', { name: 'Add the note' }));
      const notes = page.locator('main h2#notes + ul > li', { hasText: NOTE });
      assert.equal(await notes.count(), 1, 'the note is listed');
      assert.match(normalise(await notes.textContent()), /restricted/);
      const trail = normalise(await page.locator('main h2#trail + table').innerText());
      for (const action of ['evidence.record', 'note.add']) {
        assert.ok(trail.includes(action), `the trail shows ${action}`);
      }
      await visit.screenshot('edit-commitment');

      // --- the public page: the status is worked out again from the changed record -------------
      // Statuses are recomputed when the record's change sequence moves; allow the server a
      // moment, reopening the page rather than sleeping a fixed time.
      const took = await visit.reopenUntil(
        `/commitments/${target.id}`,
        async () => (await statusToday(visit)) === 'Delivered',
        { what: 'the status today is Delivered' },
      );
      t.diagnostic(`the public page went from ${statusBefore} to Delivered in ${took} ms`);
      const history = await statusHistory(visit);
      assert.ok(
        history.some((h) => h.from === EVIDENCE.shown && h.status.startsWith('Delivered')),
        `"Status over time" has Delivered from ${EVIDENCE.shown}: ${JSON.stringify(history)}`,
      );
      assert.match(
        normalise(await page.locator('main h2:text-is("Status today") + p').textContent()),
        /OGP completion: Complete · G7 score: 1\b/,
        'the OGP level and G7 score follow the status',
      );
      await assertRecordedEvidence(visit);
      // Restricted notes are on the page for people who may see them (and for nobody else).
      const noted = page.locator('main h2:text-is("Notes") + ul > li', { hasText: NOTE });
      assert.equal(await noted.count(), 1, 'the reviewer reads the note on the commitment page');
      assert.ok(normalise(await noted.textContent()).startsWith('Restricted'), 'marked restricted');
      await visit.screenshot('commitment-delivered');

      // --- signing out -----------------------------------------------------------------------------
      await signOut(visit);
      for (const path of ['/review', `/commitments/${target.id}/edit`, '/account']) {
        const response = await page.request.get(visit.url(path), { maxRedirects: 0 });
        assert.equal(response.status(), 401, `signed out: GET ${path}`);
      }
      await visit.screenshot('signed-out');
    }),
);

test('the administrator finds the audit chain intact, with the reviewer\'s changes in it', { timeout: 90_000, skip }, (t) =>
  withSignedInVisit(browser, t, admin, async (visit) => {
    const page = visit.page;
    assert.ok(changed.commitment, 'the first flow recorded evidence');
    await visit.follow(accountNav(visit).getByRole('link', { name: 'Audit log' }));
    assert.equal(new URL(page.url()).pathname, '/admin/audit');
    await assertHeading(visit, 'Audit log');
    const verdict = normalise(await page.locator('main p[role="status"]').innerText());
    assert.match(verdict, /^The audit chain is intact: \d+ events checked\.$/);
    assert.equal(await page.locator('main [role="alert"]').count(), 0, 'no broken-chain alert');

    const events = page.locator('main table').first().locator('tbody tr');
    const byEditor = (action, entity) =>
      events.filter({ hasText: action }).filter({ hasText: `commitment:${entity}` }).filter({ hasText: editor.user });
    assert.ok((await byEditor('evidence.record', changed.commitment).count()) >= 1, 'evidence.record is logged');
    assert.ok((await byEditor('note.add', changed.commitment).count()) >= 1, 'note.add is logged');
    assert.ok((await byEditor('link.accept', changed.decidedOn).count()) >= 1, 'link.accept is logged');
    const signedOut = events.filter({ hasText: 'sign-out' }).filter({ hasText: `user:${editor.user}` });
    assert.ok((await signedOut.count()) >= 1, 'the reviewer signing out is logged');
    const people = normalise(await page.locator('main h2:text-is("People") + table').innerText());
    assert.ok(people.includes(editor.user) && people.includes(admin.user), `the people are listed: ${people}`);
    await visit.screenshot('audit-log');
  }),
);

test('an anonymous visitor sees the new status, but not the restricted note nor the editing pages', { timeout: 90_000, skip }, (t) =>
  withVisit(browser, t, async (visit) => {
    const page = visit.page;
    assert.ok(changed.commitment, 'the first flow recorded evidence');
    await visit.open(`/commitments/${changed.commitment}`);
    assert.equal(await accountNav(visit).getByRole('link', { name: 'Sign in', exact: true }).count(), 1, 'not signed in');
    assert.equal(await statusToday(visit), 'Delivered', 'the public sees the status the evidence gives');
    await assertRecordedEvidence(visit); // it was recorded as public
    const main = await page.locator('main').textContent();
    assert.ok(!main.includes(NOTE), 'the restricted note is not shown');
    assert.ok(!main.includes('Keep this record'), 'no link to the editing page');
    const api = await page.request.get(visit.url(`/api/v1/commitments/${changed.commitment}`));
    assert.equal(api.status(), 200);
    const json = await api.text();
    assert.ok(json.includes(EVIDENCE.text), 'the API has the public evidence');
    assert.ok(!json.includes(NOTE), 'but not the restricted note');
    for (const path of [`/commitments/${changed.commitment}/edit`, '/review', '/admin/audit']) {
      const response = await page.request.get(visit.url(path), { maxRedirects: 0 });
      assert.equal(response.status(), 401, `anonymous GET ${path}`);
      assert.ok(!(await response.text()).includes(NOTE), `${path} does not leak the note`);
    }
    await visit.screenshot('commitment-anonymous');
  }),
);

// Flow 8 — correcting what the engine read. An editor (role `reviewer`, created by run.sh) marks
// an extracted item "not a commitment" with a reason, and the public count of commitments drops
// by one; then links a paragraph of a later document, chosen from the list on a commitment's
// editing page, as evidence: the public page leaves "No evidence" and cites the paragraph. It
// also adds a missed undertaking, merges a restatement, writes a verdict (in the HTML and DOCX
// report) and corrects a due date (overdue clears).

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';

import { launch, withSignedInVisit } from '../lib/browser.js';
import { people } from '../lib/config.js';
import { assertHeading, normalise } from '../lib/site.js';

const browser = await launch();
after(() => browser.close());

const { editor } = people;
const skip = editor ? false : 'KIZUNA_E2E_EDITOR and its _PASSWORD variable are not set (run.sh creates this person)';
const REASON = `Describes the partnership document; it binds nobody (e2e run ${Date.now()})`;

async function api(visit, path) {
  const response = await fetch(visit.url(path));
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

/**
 * Two Japan-UK commitments with no evidence and no assessment: one to set aside, and one made
 * before the latest document (so that a later paragraph exists to link).
 */
async function twoWithoutEvidence(visit) {
  const { documents } = await api(visit, '/api/v1/partnerships/japan-uk');
  const latest = documents.map((d) => d.date).filter(Boolean).sort().at(-1);
  const earlier = new Set(documents.filter((d) => d.date && d.date < latest).map((d) => d.id));
  const { commitments } = await api(visit, '/api/v1/partnerships/japan-uk/commitments?per_page=500');
  const none = commitments.filter((c) => c.status.status === 'no-evidence' && !c.status.assessed);
  const target = none.find((c) => earlier.has(c.document_id));
  const aside = none.find((c) => c !== target);
  assert.ok(target && aside, `two commitments have no evidence, one made before ${latest}`);
  return [aside, target];
}

/** The text of a DOCX file's main part (word/document.xml), read from the zip's central directory. */
function docxText(bytes) {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'a DOCX is a zip');
  let at = buf.readUInt32LE(end + 16);
  for (let n = buf.readUInt16LE(end + 10); n > 0; n -= 1) {
    const [method, size, nameLength, extra, comment, local] = [
      buf.readUInt16LE(at + 10), buf.readUInt32LE(at + 20), buf.readUInt16LE(at + 28),
      buf.readUInt16LE(at + 30), buf.readUInt16LE(at + 32), buf.readUInt32LE(at + 42),
    ];
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === 'word/document.xml') {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      const xml = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
      return xml.replace(/<[^>]+>/g, '');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error('no word/document.xml in the DOCX');
}

const total = async (visit) => (await api(visit, '/api/v1/partnerships/japan-uk/commitments')).total;

test('an editor sets a false commitment aside and links a passage as evidence', { timeout: 180_000, skip }, (t) =>
  withSignedInVisit(browser, t, editor, async (visit) => {
    const page = visit.page;
    const [aside, target] = await twoWithoutEvidence(visit);
    const before = await total(visit);

    // --- "not a commitment", with the reason -------------------------------------------------
    await visit.open(`/commitments/${aside.id}/edit`);
    await assertHeading(visit, 'Keep this record');
    const form = page.locator('main form:has(#correct-reason)');
    await form.getByLabel('Why it binds nobody').fill(REASON);
    await visit.submit(form.getByRole('button', { name: 'Not a commitment' }));
    assert.ok(normalise(await page.locator('main').innerText()).includes(REASON), 'the editing page says why');
    assert.equal(await total(visit), before - 1, 'the public count drops by one');

    // --- a paragraph of a later document, linked as evidence ---------------------------------
    await visit.open(`/commitments/${target.id}/edit`);
    const link = page.locator('main form:has(#passage-passage)');
    const choice = link.getByLabel('Passage');
    const options = await choice.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    assert.ok(options.length > 0, 'later paragraphs are offered');
    const [value, label] = options[0];
    await choice.selectOption(value);
    await link.getByLabel('Relation').selectOption('progress');
    await visit.submit(link.getByRole('button', { name: 'Link as evidence' }));
    assert.equal(visit.where(), `/commitments/${target.id}/edit`, 'back on the editing page');
    const trail = normalise(await page.locator('main h2#trail + table').innerText());
    assert.ok(trail.includes('evidence.link-passage'), 'the trail shows the passage linked');
    await visit.screenshot('passage-linked');

    await visit.reopenUntil(
      `/commitments/${target.id}`,
      async () => {
        const status = normalise(await page.locator('main h2:text-is("Status today") + p .tag').first().textContent());
        return status !== 'No evidence';
      },
      { what: `the status of ${target.id} leaves "No evidence" (${label})` },
    );
    const document = value.slice(0, value.indexOf(' '));
    const cited = page.locator(`main ol.timeline a[href^="/documents/${document}#"]`);
    assert.equal(await cited.count(), 1, 'the evidence cites the paragraph');
  }),
);

test('an editor adds an undertaking the reading missed from its paragraph', { timeout: 180_000, skip }, (t) =>
  withSignedInVisit(browser, t, editor, async (visit) => {
    const page = visit.page;
    const { documents } = await api(visit, '/api/v1/partnerships/japan-uk');
    const latest = [...documents].filter((d) => d.date).sort((a, b) => a.date.localeCompare(b.date)).at(-1);
    const before = await total(visit);

    await visit.open(`/documents/${latest.id}`);
    const adds = page.locator('main article.document a.add-commitment');
    assert.ok((await adds.count()) > 0, 'each paragraph offers "Add as a commitment"');
    // A paragraph with words to spare: its first sentence becomes the undertaking.
    await visit.follow(adds.last());
    await assertHeading(visit, 'Add as a commitment');
    const text = page.getByLabel('The undertaking, word for word');
    const words = await text.inputValue();
    const sentence = words.split(/(?<=[.!?])\s+/)[0];
    assert.ok(sentence.length > 0, `the paragraph's words are in the box: ${words}`);
    await text.fill(sentence);
    await page.getByLabel('Area').fill('general');
    await page.getByLabel('Kind').selectOption('continuing');
    await visit.submit(page.getByRole('button', { name: 'Add as a commitment' }));
    assert.match(visit.where(), /^\/commitments\/c-[0-9a-f]{16}\/edit$/, 'the new commitment opens for editing');
    const id = visit.where().split('/')[2];
    assert.equal(await total(visit), before + 1, 'the public count rises by one');

    await visit.open(`/commitments/${id}`);
    assert.ok(normalise(await page.locator('main').innerText()).includes(sentence), 'its page quotes the words');
    const cite = page.locator(`main a[href^="/documents/${latest.id}#"]`).first();
    assert.equal(await cite.count(), 1, 'and cites the paragraph');
  }),
);

test('an editor makes a press release restatement a second citation of its framework commitment', { timeout: 180_000, skip }, (t) =>
  withSignedInVisit(browser, t, editor, async (visit) => {
    const page = visit.page;
    const { documents } = await api(visit, '/api/v1/partnerships/japan-uk');
    const release = documents.find((d) => /press/i.test(`${d.path} ${d.title}`));
    assert.ok(release, 'the record holds a press release');
    const framework = documents.find((d) => d.id !== release.id && d.date === release.date);
    assert.ok(framework, 'and the framework it was issued with');
    const { commitments } = await api(visit, '/api/v1/partnerships/japan-uk/commitments?per_page=500');
    const restatement = commitments.find((c) => c.document_id === release.id);
    const original = commitments.find((c) => c.document_id === framework.id);
    assert.ok(restatement && original, 'a commitment of each');
    const before = await total(visit);

    await visit.open(`/commitments/${restatement.id}/edit`);
    const form = page.locator('main form:has(#merge-into)');
    await form.getByLabel('Restates').selectOption(original.id);
    await visit.submit(form.getByRole('button', { name: 'Make it a second citation' }));
    const trail = normalise(await page.locator('main h2#trail + table').innerText());
    assert.ok(trail.includes('commitment.merge'), 'the trail shows the merge');
    assert.equal(await total(visit), before - 1, 'the two are listed and counted once');
  }),
);

test('a reviewer writes a verdict with its reason, and the Council report shows it', { timeout: 180_000, skip }, (t) =>
  withSignedInVisit(browser, t, editor, async (visit) => {
    const page = visit.page;
    const { commitments } = await api(visit, '/api/v1/partnerships/japan-uk/commitments?per_page=500');
    const judged = commitments.find((c) => !c.status.assessed && c.status.status === 'ongoing');
    assert.ok(judged, 'an ongoing commitment nobody has judged');
    const reason = `Both sides report regular exchanges (e2e run ${Date.now()}).`;

    await visit.open(`/commitments/${judged.id}/edit`);
    const form = page.locator('main form:has(#status-rationale)');
    await form.getByLabel('Status').selectOption('ongoing');
    await form.getByLabel('Rationale').fill(reason);
    await visit.submit(form.getByRole('button', { name: 'Set the status' }));

    await visit.reopenUntil('/p/japan-uk/report', async () => normalise(await page.locator('main').innerText()).includes(reason), {
      what: 'the report shows the verdict with its reason',
    });
    const verdict = normalise(await page.locator('main p.verdict', { hasText: reason }).first().innerText());
    assert.match(verdict, /^Verdict \(both sides, .+\): Ongoing — /, verdict);
    // The Word report a secretariat takes to the Council says it too.
    const docx = await fetch(visit.url('/p/japan-uk/report.docx'));
    assert.equal(docx.status, 200, 'GET /p/japan-uk/report.docx');
    assert.ok(docxText(await docx.arrayBuffer()).includes(reason), 'the DOCX report shows the verdict with its reason');
  }),
);

test('an editor corrects a due date, and the commitment is no longer overdue', { timeout: 180_000, skip }, (t) =>
  withSignedInVisit(browser, t, editor, async (visit) => {
    const page = visit.page;
    const { commitments } = await api(visit, '/api/v1/partnerships/japan-uk/commitments?per_page=500');
    const none = commitments.filter((c) => c.status.status === 'no-evidence' && !c.status.assessed);
    const chosen = none.at(-1);
    assert.ok(chosen, 'a commitment with no evidence');
    const overdue = async () => {
      await visit.open(`/commitments/${chosen.id}`);
      return (await page.locator('main h2:text-is("Status today") + p .tag.overdue').count()) > 0;
    };
    const correct = async (fields) => {
      await visit.open(`/commitments/${chosen.id}/edit`);
      const form = page.locator('main form:has(#correct-due)');
      await form.locator('#correct-kind').selectOption(fields.kind);
      await form.locator('#correct-due').fill(fields.due);
      await visit.submit(form.getByRole('button', { name: 'Save correction' }));
    };
    // A deliverable due long ago, with no evidence, is overdue; with no due date it is not.
    await correct({ kind: 'one-off', due: '2023' });
    assert.ok(await overdue(), `${chosen.id} is overdue once due in 2023`);
    await correct({ kind: 'one-off', due: 'none' });
    assert.ok(!(await overdue()), `${chosen.id} is no longer overdue`);
    await visit.screenshot('due-corrected');
  }),
);

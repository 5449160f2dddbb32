// Where the suite finds the server, the browser and the place to leave screenshots.
// run.sh sets these; run by hand, point KIZUNA_E2E_BASE_URL at any `kizuna serve` loaded with
// data/japan-uk and e2e/fixtures/japanese.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const base = process.env.KIZUNA_E2E_BASE_URL;
if (!base) {
  throw new Error(
    'KIZUNA_E2E_BASE_URL is not set: run the suite through e2e/run.sh, or set it to a running `kizuna serve` (e.g. http://127.0.0.1:8080)',
  );
}
/** The server under test, without a trailing slash. */
export const baseUrl = base.replace(/\/+$/, '');

/** Debian's Chromium; playwright-core drives it and downloads no browser of its own. */
export const chromiumPath = process.env.KIZUNA_E2E_CHROMIUM || '/usr/bin/chromium';

/** Screenshots and accessibility reports. */
export const artifactsDir = process.env.KIZUNA_E2E_ARTIFACTS || path.join(repoRoot, 'target', 'e2e');

/** The fixture partnership e2e/run.sh ingests beside the shipped one. */
export const japaneseFixture = {
  partnership: 'e2e-japanese',
  documentTitle: '第３回日英デジタル評議会 成果文書（試験用）',
};

/**
 * The people run.sh creates with `kizuna user add` before it starts the server: one who keeps
 * the record (role `reviewer`: records evidence and notes, decides on links, sets statuses) and
 * an administrator. Run by hand, create them the same way and set these variables; flows that
 * need them are skipped when they are not set.
 */
export const people = {
  editor: person('KIZUNA_E2E_EDITOR'),
  admin: person('KIZUNA_E2E_ADMIN'),
};

function person(prefix) {
  const user = process.env[prefix];
  const password = process.env[`${prefix}_PASSWORD`];
  return user && password ? { user, password } : undefined;
}

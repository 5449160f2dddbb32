// The browser (Debian's Chromium through playwright-core) and a visit: one page that checks
// every page it arrives at with axe-core and can save screenshots.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { audit, formatViolations } from './axe.js';
import { artifactsDir, baseUrl, chromiumPath } from './config.js';
import { signIn } from './site.js';

/** Starts headless Chromium. One per test file: `const browser = await launch(); after(() => browser.close());` */
export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}

/**
 * Runs `flow` with a fresh Visit (its own browser context) and closes it afterwards. The test
 * fails on the flow's own error, and otherwise on any serious or critical axe-core violation
 * met on the way; either way the violations are printed with their pages. A failing flow leaves
 * a screenshot of where it stopped. `viewport` is a desktop window unless given (a phone's, say).
 */
export async function withVisit(browser, t, flow, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({
    viewport,
    locale: 'en-GB',
    extraHTTPHeaders: { 'Accept-Language': 'en-GB,en;q=0.9' },
  });
  const visit = new Visit(await context.newPage(), t.name);
  let failure;
  try {
    await flow(visit);
  } catch (error) {
    failure = error;
    await visit.screenshot(`failed-${slug(t.name)}`).catch(() => {});
  } finally {
    await writeReport(t.name, visit).catch(() => {});
    await context.close();
  }
  const report = formatViolations(visit.violations);
  if (failure) {
    if (report) t.diagnostic(report);
    throw failure;
  }
  assert.ok(visit.pages.length > 0, 'the flow visited no page');
  assert.equal(visit.violations.length, 0, report);
}

/**
 * Like `withVisit`, with `person` ({ user, password }) signed in first through the sign-in form
 * of the site (see `signIn` in site.js), so the flow starts as that person on `/`.
 */
export async function withSignedInVisit(browser, t, person, flow) {
  return withVisit(browser, t, async (visit) => {
    await signIn(visit, person);
    await flow(visit);
  });
}

export class Visit {
  constructor(page, name) {
    this.page = page;
    this.name = name;
    /** Every page arrived at and audited, in order. */
    this.pages = [];
    /** Serious and critical axe-core violations met so far. */
    this.violations = [];
    this.lastStatus = undefined;
    page.setDefaultTimeout(15_000);
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        this.lastStatus = response.status();
      }
    });
  }

  /** An absolute URL on the server under test. */
  url(pathAndQuery) {
    return new URL(pathAndQuery, `${baseUrl}/`).href;
  }

  /** The path, query and fragment of the page's URL. */
  where() {
    const u = new URL(this.page.url());
    return u.pathname + u.search + u.hash;
  }

  /** Opens a path (as typing it in the address bar would) and checks the page. */
  async open(pathAndQuery) {
    await this.page.goto(this.url(pathAndQuery), { waitUntil: 'load' });
    await this.arrived();
  }

  /** Clicks a link (a Locator) and checks the page it leads to. */
  async follow(link) {
    await link.scrollIntoViewIfNeeded();
    await this.navigate(() => link.click());
  }

  /** Does something that leaves the page (a click, Enter in a form) and checks where it lands. */
  async navigate(action) {
    const before = this.page.url();
    await Promise.all([
      this.page.waitForURL((u) => u.href !== before, { waitUntil: 'load' }),
      action(),
    ]);
    await this.arrived();
  }

  /**
   * Submits a form by clicking its button (a Locator) and checks the page the server answers
   * with. Unlike `navigate`, the page may be the one the form was on: the site's forms post, then
   * send the person back where they were.
   */
  async submit(button) {
    await button.scrollIntoViewIfNeeded();
    await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
    await this.arrived();
  }

  /**
   * Opens `pathAndQuery` again and again (each arrival checked like any other) until `ready()`
   * holds, for what the server works out in the background after a change (the search index,
   * the statuses); fails after `timeout` ms. Returns how long it took.
   */
  async reopenUntil(pathAndQuery, ready, { timeout = 10_000, every = 250, what = 'the page is ready' } = {}) {
    const started = Date.now();
    for (;;) {
      await this.open(pathAndQuery);
      if (await ready()) return Date.now() - started;
      assert.ok(Date.now() - started < timeout, `${pathAndQuery}: after ${timeout} ms, still not: ${what}`);
      await this.page.waitForTimeout(every);
    }
  }

  /** After each arrival: the page answered, and axe-core finds nothing serious in it. */
  async arrived() {
    const where = this.page.url();
    assert.ok(
      this.lastStatus !== undefined && this.lastStatus < 400,
      `${where} answered HTTP ${this.lastStatus}`,
    );
    this.pages.push(where);
    this.violations.push(...(await audit(this.page)));
  }

  /** Full-page PNG at target/e2e/NAME.png; returns its path. */
  async screenshot(name) {
    await fs.mkdir(artifactsDir, { recursive: true });
    const file = path.join(artifactsDir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}

/** target/e2e/axe/NAME.json: the pages a flow visited and what axe-core found there. */
async function writeReport(name, visit) {
  const dir = path.join(artifactsDir, 'axe');
  await fs.mkdir(dir, { recursive: true });
  const body = { flow: name, pages: visit.pages, violations: visit.violations };
  await fs.writeFile(path.join(dir, `${slug(name)}.json`), `${JSON.stringify(body, null, 2)}\n`);
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

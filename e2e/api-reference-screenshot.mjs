// Opens the server's /docs in headless Chromium (the Debian package, driven by playwright-core), waits until
// Swagger UI has rendered the operations of the served OpenAPI document, saves a screenshot, and fails if the
// page asked any other origin for anything, broke its Content-Security-Policy, or logged an error.
//   GATEHOUSE_BASE_URL=http://127.0.0.1:8099 SCREENSHOT=/tmp/docs.png node api-reference-screenshot.mjs
import { chromium } from 'playwright-core';

const base = (process.env.GATEHOUSE_BASE_URL ?? 'http://127.0.0.1:8099').replace(/\/$/, '');
const screenshot = process.env.SCREENSHOT ?? 'api-reference.png';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const origin = new URL(base).origin;

function fail(message) {
  console.log(`FAIL api-reference: ${message}`);
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const elsewhere = [];
  const errors = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) elsewhere.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));

  const response = await page.goto(`${base}/docs`, { waitUntil: 'load' });
  if (response.status() !== 200) fail(`GET /docs answered ${response.status()}`);
  const policy = response.headers()['content-security-policy'] ?? '';
  if (!policy.includes("script-src 'self'") || policy.includes('unsafe')) fail(`weak policy: ${policy}`);

  await page.waitForSelector('.opblock', { timeout: 30_000 });
  const title = (await page.textContent('.info .title')) ?? '';
  const operations = await page.locator('.opblock').count();
  const tags = await page.locator('.opblock-tag').count();
  await page.screenshot({ path: screenshot });

  console.log(`title: ${title.trim()}`);
  console.log(`operations: ${operations}, tags: ${tags}`);
  if (!title.includes('Gatehouse')) fail(`the title is '${title}'`);
  if (operations < 50) fail(`only ${operations} operations rendered`);
  if (elsewhere.length > 0) fail(`requests to other origins: ${elsewhere.join(', ')}`);
  if (errors.length > 0) fail(`console errors: ${errors.join(' | ')}`);
  console.log(`screenshot: ${screenshot}`);
  console.log('PASS api-reference');
} finally {
  await browser.close();
}

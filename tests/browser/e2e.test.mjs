// End-to-end tests of the web front in a real browser: Debian's headless
// Chromium, driven by playwright-core (which downloads no browser of its
// own), against `jiangbu serve` started here on a free loopback port over a
// fresh copy of the main job's ledger (`jiangbu demo run`).
//
// Environment: JIANGBU_BINARY (the jiangbu executable), JIANGBU_TEST_BACKEND
// (sqlite | postgresql; PostgreSQL needs JIANGBU_TEST_POSTGRESQL_URL),
// JIANGBU_SCREENSHOT_DIR (where each page's screenshot goes),
// CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'node:net';
import { chromium } from 'playwright-core';

const binary = process.env.JIANGBU_BINARY;
const backend = process.env.JIANGBU_TEST_BACKEND ?? 'sqlite';
const screenshots = process.env.JIANGBU_SCREENSHOT_DIR ?? join(tmpdir(), 'jiangbu-screenshots');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
assert.ok(binary && existsSync(binary), 'set JIANGBU_BINARY to the jiangbu executable');

// The demo's units (src/demo): 秦嫂 holds a share of XX2024-001 only;
// 綦江家政协会 holds QJ2024-002.
const qinsao = '91610000MA6TG12349';
const qijiangAssociation = 'QJ2024-002';
const passwords = { qinsao: 'qinsao-password-2024', shenji: 'auditor-password-2024', caizheng: 'bureau-password-2024' };

const work = mkdtempSync(join(tmpdir(), 'jiangbu-browser-'));
let database = join(work, 'ledger.db');
let schema = '';
let unitRole = '';  // PostgreSQL: the unit's requests run as this bound role, under row-level security
let server;
let baseUrl;
let browser;

function jiangbu(args, input) {
  return execFileSync(binary, ['--db', database, ...args], {
    input, encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
}

async function startServer() {
  const portFile = join(work, 'port');
  server = spawn(binary, ['--db', database, 'serve', '--port', '0', '--port-file', portFile,
    '--upload-folder', work], { env: { ...process.env, TZ: 'Asia/Shanghai' }, stdio: ['ignore', 'pipe', 'inherit'] });
  for (let attempt = 0; attempt < 200 && !existsSync(portFile); ++attempt) await sleep(50);
  assert.ok(existsSync(portFile), 'jiangbu serve did not start listening within 10 s');
  baseUrl = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  if (backend === 'postgresql') {
    const url = process.env.JIANGBU_TEST_POSTGRESQL_URL;
    assert.ok(url, 'JIANGBU_TEST_POSTGRESQL_URL is not set: run through scripts/test.sh');
    schema = `browser_${process.pid}`;
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', url, '-c', `CREATE SCHEMA ${schema}`]);
    database = `${url}?options=-csearch_path%3D${schema}`;
  }
  jiangbu(['demo', 'run', '--reports', join(work, 'demo-reports')]);
  const roleOption = [];
  if (backend === 'postgresql') {
    unitRole = `jbweb_qinsao_${process.pid}`;
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', process.env.JIANGBU_TEST_POSTGRESQL_URL, '-c',
      `CREATE ROLE ${unitRole} NOLOGIN; GRANT ${unitRole} TO CURRENT_USER`]);
    jiangbu(['role', 'bind', '--role', unitRole, '--principal', `unit:${qinsao}`]);
    roleOption.push('--database-role', unitRole);
  }
  jiangbu(['user', 'add', 'qinsao', '--principal', `unit:${qinsao}`, ...roleOption], passwords.qinsao + '\n');
  jiangbu(['user', 'add', 'shenji', '--principal', 'auditor'], passwords.shenji + '\n');
  jiangbu(['user', 'add', 'caizheng', '--principal', 'bureau'], passwords.caizheng + '\n');
  await startServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (schema) {
    execFileSync('psql', ['-q', process.env.JIANGBU_TEST_POSTGRESQL_URL, '-c',
      `SET client_min_messages = warning; DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
    if (unitRole) execFileSync('psql', ['-q', process.env.JIANGBU_TEST_POSTGRESQL_URL, '-c', `DROP ROLE IF EXISTS ${unitRole}`]);
  }
  rmSync(work, { recursive: true, force: true });
});

async function signIn(user) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login input[name=user]', user);
  await page.fill('#login input[name=password]', passwords[user]);
  await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
  return page;
}

async function shoot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

test('a unit signs in, uploads good and bad rows, and sees each verdict', async () => {
  const anonymous = await browser.newPage();
  await anonymous.goto(`${baseUrl}/`);
  assert.match(anonymous.url(), /\/login$/, 'a visitor is sent to the sign-in page');
  await shoot(anonymous, 'login');
  await anonymous.close();

  const page = await signIn('qinsao');
  assert.match(page.url(), /\/unit$/);
  assert.equal(await page.locator('#awards a').first().textContent(), 'XX2024-001');
  await shoot(page, 'unit-home');

  const file = join(work, 'spending.csv');
  writeFileSync(file, [
    '外部编号,奖补编号,单位统一社会信用代码,日期,金额,用途类别,支付方式,收款方,收款方统一社会信用代码,发票代码,发票号码,摘要',
    `WEB-001,XX2024-001,${qinsao},2025-03-20,"1,280.00",宣传推介,银行转账,西安曲江会展服务有限公司,91650102MA78QR012B,,25612000000000000101,品牌推介会场地`,
    `WEB-002,XX2024-001,${qinsao},2025-03-21,380,宣传推介,现金,西安某印刷店,,,25612000000000000102,宣传册（现金）`,
    `WEB-003,XX2024-001,${qinsao},2025-03-22,500.00,培育发展,公务卡,西安某咨询公司,,,25612000000000000103,咨询`,
    `WEB-004,XX2024-001,${qinsao},2025-03-23,1.2.3,培育发展,银行转账,西安某咨询公司,,,25612000000000000104,金额写错`,
  ].join('\n') + '\n');
  await page.setInputFiles('#upload input[type=file]', file);
  await Promise.all([page.waitForNavigation(), page.click('#upload button[type=submit]')]);
  assert.match(page.url(), /\/jobs\/[0-9a-f]+$/);
  // The job page refreshes itself until the import has finished.
  await page.waitForSelector('#progress[data-state=finished]', { timeout: 60_000 });
  const verdicts = await page.$$eval('#verdicts tbody tr', (rows) => rows.map((row) => ({
    id: row.dataset.externalId, status: row.className, reasons: row.dataset.reasons,
  })));
  assert.deepEqual(verdicts, [
    { id: 'WEB-001', status: 'accepted', reasons: '' },
    { id: 'WEB-002', status: 'rejected', reasons: 'cash-payment' },
    { id: 'WEB-003', status: 'accepted', reasons: '' },
    { id: 'WEB-004', status: 'rejected', reasons: 'bad-amount' },
  ]);
  assert.equal(await page.textContent('#accepted-count'), '2');
  assert.equal(await page.textContent('#rejected-count'), '2');
  await shoot(page, 'unit-import-verdicts');

  // What the page said is what was stored: the award page lists the two
  // accepted rows and the API agrees on what is left of the share.
  await page.goto(`${baseUrl}/awards/XX2024-001`);
  const stored = await page.$$eval('#expenditures tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent));
  assert.ok(stored.includes('WEB-001') && stored.includes('WEB-003'));
  assert.ok(!stored.includes('WEB-002') && !stored.includes('WEB-004'));
  await shoot(page, 'unit-award');

  // A mistaken row is reversed from its award page: the expenditure stays,
  // marked reversed, and its money is spendable again.
  const row = page.locator('#expenditures tr[data-external-id="WEB-003"]');
  await row.locator('input[name=date]').fill('2025-03-25');
  await row.locator('input[name=reason]').fill('重复入账');
  const [reversal] = await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
  assert.equal(reversal.status(), 200);
  assert.equal(await page.getAttribute('#outcome', 'data-outcome'), 'done');
  await page.goto(`${baseUrl}/awards/XX2024-001`);
  assert.equal(await page.textContent('#expenditures tr[data-external-id="WEB-003"] td:nth-child(6)'), '是');

  // The unit files a plan revision from its page; the API shows it.
  await page.goto(`${baseUrl}/unit`);
  await page.selectOption('#plan select[name=award]', 'XX2024-001');
  await page.fill('#plan input[name=date]', '2025-04-01');
  await page.fill('#plan input[name=document]', '西咸人社备〔2025〕8号');
  await page.fill('#plan textarea[name=lines]', '宣传推介=60000\n培育发展=65000');
  const [plan] = await Promise.all([page.waitForNavigation(), page.click('#plan button[type=submit]')]);
  assert.equal(plan.status(), 200, await page.textContent('body'));
  await shoot(page, 'unit-plan-filed');
  const plans = await (await page.request.get(`${baseUrl}/api/plans?award=XX2024-001&unit=${qinsao}`)).json();
  assert.deepEqual(plans.at(-1).lines, { 'promotion': '60000.00', 'cultivation-development': '65000.00' });
  await page.context().close();
});

test("a unit opening another unit's award gets 403, on the page and in the API", async () => {
  const page = await signIn('qinsao');
  const response = await page.goto(`${baseUrl}/awards/${qijiangAssociation}`);
  assert.equal(response.status(), 403);
  assert.match(await page.textContent('body'), /permission-denied/);
  await shoot(page, 'unit-forbidden');
  const api = await page.request.get(`${baseUrl}/api/awards/${qijiangAssociation}`);
  assert.equal(api.status(), 403);
  assert.equal((await api.json()).error.code, 'permission-denied');
  const mine = await page.request.get(`${baseUrl}/api/awards`);
  assert.deepEqual((await mine.json()).map((award) => award.award_id), ['XX2024-001']);
  const bureauPage = await page.goto(`${baseUrl}/bureau`);
  assert.equal(bureauPage.status(), 403);
  await page.context().close();
});

function yuan(plain) {
  // "1234567.80" → "1,234,567.80", as the reports print money.
  const [whole, fraction] = plain.replace('-', '').split('.');
  return (plain.startsWith('-') ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + fraction;
}

test('an auditor downloads the audit report as PDF and its totals match the JSON API', async () => {
  const page = await signIn('shenji');
  assert.match(page.url(), /\/auditor$/);
  await page.selectOption('#selection select[name=policy]', 'xixian-2024');
  await page.fill('#selection input[name=to]', '2025-12-31');
  await shoot(page, 'auditor-home');
  await Promise.all([page.waitForNavigation(), page.click('#selection button[type=submit]')]);
  // The report is built as a background job; its page refreshes until done.
  assert.match(page.url(), /\/jobs\/[0-9a-f]+$/);
  await page.waitForSelector('#downloads', { timeout: 120_000 });
  await shoot(page, 'auditor-report');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
  const pdf = join(work, 'audit.pdf');
  await download.saveAs(pdf);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

  const api = await page.request.get(`${baseUrl}/api/reports/audit?policy=xixian-2024&to=2025-12-31`);
  assert.equal(api.status(), 200);
  const report = await api.json();
  const summary = report.sections.flatMap((section) => section.blocks).find((block) => block.key === 'summary_amounts');
  assert.ok(summary && summary.rows.length >= 5, 'the JSON report has its summary of amounts');
  for (const row of summary.rows) {
    assert.ok(pdfText.includes(yuan(row.amount)), `${row.item} ${yuan(row.amount)} is in the PDF`);
    assert.ok(pdfText.includes(row.amount_upper), `${row.item} ${row.amount_upper} is in the PDF`);
  }
  // The first test's upload is in both: 1,280.00 + 500.00 spent, and the
  // 500.00 reversed again: 170,555.10 of the main job + 1,280.00.
  const spent = summary.rows.find((row) => row.item === '累计支出');
  assert.equal(spent.amount, '171835.10');

  for (const format of ['xlsx', 'csv', 'json']) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#download-${format}`)]);
    assert.match(file.suggestedFilename(), new RegExp(`\\.${format}$`));
  }
  await page.context().close();
});

test('a form posted without the CSRF token is refused and changes nothing', async () => {
  const page = await signIn('caizheng');
  assert.match(page.url(), /\/bureau$/);
  await shoot(page, 'bureau-home');
  const paidBefore = (await (await page.request.get(`${baseUrl}/api/awards/WL2024-002`)).json()).shares;

  // A real form in the real page, with its hidden token removed, as a
  // forged cross-site post would arrive.
  await page.evaluate(() => document.querySelector('#clawback input[name=csrf]').remove());
  await page.fill('#clawback input[name=award]', 'WL2024-002');
  await page.fill('#clawback input[name=unit]', '91650102MA78QR012B');
  await page.fill('#clawback input[name=amount]', '100');
  await page.fill('#clawback input[name=date]', '2025-06-30');
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#clawback button[type=submit]')]);
  assert.equal(response.status(), 403);
  assert.match(await page.textContent('body'), /csrf-refused/);
  await shoot(page, 'bureau-csrf-refused');

  // The same kind of form with its token does what it says.
  await page.goto(`${baseUrl}/bureau`);
  await page.selectOption('#status select[name=kind]', 'suspend');
  await page.fill('#status input[name=award]', 'WL2024-002');
  await page.fill('#status input[name=date]', '2025-06-30');
  await page.fill('#status input[name=document]', '乌人社函〔2025〕12号');
  await page.fill('#status input[name=reason]', '年度报告逾期');
  const [done] = await Promise.all([page.waitForNavigation(), page.click('#status button[type=submit]')]);
  assert.equal(done.status(), 200);
  assert.equal(await page.getAttribute('#outcome', 'data-outcome'), 'done');
  await shoot(page, 'bureau-action-done');
  const suspended = await (await page.request.get(`${baseUrl}/api/awards/WL2024-002`)).json();
  assert.equal(suspended.status, 'suspended');

  // The API wants the token in a header: without it, refused; with it, done.
  const reinstate = { award: 'WL2024-002', kind: 'reinstate', date: '2025-07-31', document: '乌人社函〔2025〕15号',
    reason: '已补报' };
  const refused = await page.request.post(`${baseUrl}/api/awards/status`, { data: reinstate });
  assert.equal(refused.status(), 403);
  assert.equal((await refused.json()).error.code, 'csrf-refused');
  const { csrf_token: token } = await (await page.request.get(`${baseUrl}/api/session`)).json();
  const accepted = await page.request.post(`${baseUrl}/api/awards/status`,
    { data: reinstate, headers: { 'X-CSRF-Token': token } });
  assert.equal(accepted.status(), 200, await accepted.text());
  assert.equal((await (await page.request.get(`${baseUrl}/api/awards/WL2024-002`)).json()).status, 'active');

  const forged = await page.request.post(`${baseUrl}/api/expenditures`, {
    data: { external_id: 'FORGED-1', award_id: 'XX2024-001', unit_uscc: qinsao, amount: '1.00' },
  });
  assert.equal(forged.status(), 403);
  const paidAfter = (await (await page.request.get(`${baseUrl}/api/awards/WL2024-002`)).json()).shares;
  assert.deepEqual(paidAfter, paidBefore);
  await page.context().close();
});

test('repeated wrong passwords lock the account, even against the right one', async () => {
  jiangbu(['user', 'add', 'locked-out', '--principal', 'auditor'], 'the-right-password\n');
  const context = await browser.newContext();
  const page = await context.newPage();
  for (let attempt = 1; attempt <= 5; ++attempt) {
    await page.goto(`${baseUrl}/login`);
    await page.fill('#login input[name=user]', 'locked-out');
    await page.fill('#login input[name=password]', `wrong-password-${attempt}`);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
    assert.equal(response.status(), 401);
  }
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login input[name=user]', 'locked-out');
  await page.fill('#login input[name=password]', 'the-right-password');
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#login button[type=submit]')]);
  assert.equal(response.status(), 423);
  assert.match(await page.textContent('#login-error'), /账户已锁定/);
  await shoot(page, 'login-locked');
  await context.close();
});

test('an oversized body is refused before it is read, and unknown names lock like known ones', async () => {
  // 100 MB announced, nothing sent: the answer must come at once.
  const answer = await new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(baseUrl).port), '127.0.0.1', () => {
      socket.write('POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n');
    });
    socket.setTimeout(5000, () => reject(new Error('no answer within 5 s')));
    socket.once('data', (data) => { resolve(data.toString()); socket.destroy(); });
    socket.once('error', reject);
  });
  assert.match(answer, /^HTTP\/1\.1 413/);

  const context = await browser.newContext();
  const statuses = [];
  for (let attempt = 0; attempt < 6; ++attempt) {
    const response = await context.request.post(`${baseUrl}/api/login`,
      { data: { user: 'no-such-user', password: `guess-${attempt}` } });
    statuses.push(response.status());
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 423]);
  await context.close();
});

test('the API covers the registry and the books, under the same permissions as the CLI', async () => {
  const bureau = await browser.newContext();
  const login = await bureau.request.post(`${baseUrl}/api/login`, { data: { user: 'caizheng', password: passwords.caizheng } });
  assert.equal(login.status(), 200);
  const headers = { 'X-CSRF-Token': (await login.json()).csrf_token };
  const unit = await bureau.request.post(`${baseUrl}/api/units`, {
    headers, data: { uscc: '91650100MA77WEB12R', name: '乌鲁木齐新建培训中心', type: 'enterprise', method: 'gross' } });
  assert.equal(unit.status(), 201, await unit.text());
  const again = await bureau.request.post(`${baseUrl}/api/units`, {
    headers, data: { uscc: '91650100MA77WEB12R', name: '乌鲁木齐新建培训中心', type: 'enterprise' } });
  assert.equal(again.status(), 422);
  assert.equal((await again.json()).error.code, 'duplicate-unit');
  const units = await (await bureau.request.get(`${baseUrl}/api/units`)).json();
  assert.ok(units.some((row) => row.unit === '91650100MA77WEB12R'));
  const trial = await bureau.request.get(`${baseUrl}/api/reports/trial-balance?book=bureau&to=2025-12-31`);
  assert.equal(trial.status(), 200);
  assert.equal((await trial.json()).report, 'trial_balance');
  await bureau.close();

  const page = await signIn('qinsao');
  const { csrf_token: token } = await (await page.request.get(`${baseUrl}/api/session`)).json();
  const refused = await page.request.post(`${baseUrl}/api/units`, {
    headers: { 'X-CSRF-Token': token }, data: { uscc: '91650100MA77WEB12R', name: 'x', type: 'enterprise' } });
  assert.equal(refused.status(), 403);
  assert.equal((await page.request.get(`${baseUrl}/api/reports/trial-balance?book=bureau`)).status(), 403);
  assert.equal((await page.request.get(`${baseUrl}/api/trail`)).status(), 403);
  const ownUnits = await (await page.request.get(`${baseUrl}/api/units`)).json();
  assert.deepEqual(ownUnits.map((row) => row.unit), [qinsao]);
  const reasons = await (await page.request.get(`${baseUrl}/api/reasons`)).json();
  assert.equal(reasons.find((reason) => reason.number === 77).code, 'csrf-refused');
  await page.context().close();
});

// The month's digest by e-mail (pipeline/digest.ts, pipeline/mail.ts), sent to a real
// SMTP server (smtp-server) on 127.0.0.1 with a login, and read back with mailparser:
// its recipients, subject, text and HTML parts, inline PNG charts and the PDF; the
// headline figures against the overview page's. A delivery that fails leaves the
// report published, logs why and exits 11.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSettings } from '../pipeline/config.ts';
import { memoryLogger } from '../pipeline/log.ts';
import { deliverDigest, redact } from '../pipeline/mail.ts';
import { copyFixture, projectRoot, runCli, tempDir, type CliResult } from './helpers/cli.ts';

const USER = 'report-bot';
const PASSWORD = 'pw-3f9c-from-the-environment';
const REFUSED = 'gone@example.com';

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
}

let server: SMTPServer;
let port: number;
const received: Received[] = [];
const logins: { user: string; password: string; secure: boolean }[] = [];
/** A certificate for 127.0.0.1 the run trusts through NODE_EXTRA_CA_CERTS (test/fixtures/smtp-tls/README.md). */
const TLS_DIR = join(projectRoot, 'test/fixtures/smtp-tls');
const TRUST = { NODE_EXTRA_CA_CERTS: join(TLS_DIR, 'cert.pem') };

function startServer(): Promise<void> {
  server = new SMTPServer({
    // STARTTLS for the runs (email.smtp.tls "starttls", the default); a plain login for the
    // calls in this process (tls "none"), which cannot trust the certificate after starting
    key: readFileSync(join(TLS_DIR, 'key.pem')),
    cert: readFileSync(join(TLS_DIR, 'cert.pem')),
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, session, done) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '', secure: session.secure });
      if (auth.username === USER && auth.password === PASSWORD) done(null, { user: USER });
      else done(new Error('5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, done) {
      if (address.address === REFUSED) done(Object.assign(new Error(`5.1.1 <${REFUSED}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      else done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail: await simpleParser(raw, { keepCidLinks: true }),
        });
        done();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      port = (server.server.address() as { port: number }).port;
      resolve();
    });
  });
}

const emailSettings = (overrides: { port?: number; user?: string | null; to?: string[]; tls?: string } = {}) => ({
  to: overrides.to ?? ['cmo@example.com', 'cfo@example.com'],
  cc: ['analyst@example.com'],
  from: 'Social-ROI-Bericht <report@example.com>',
  report_url: 'https://reports.example.com/social-roi',
  smtp: { host: '127.0.0.1', port: overrides.port ?? port, tls: overrides.tls ?? 'none', ...(overrides.user === null ? {} : { user: overrides.user ?? USER }), password_env: 'TEST_SMTP_PASSWORD' },
});

let dataDir: string;
let work: string;
let out: string;
let run: CliResult;
let message: Received;

beforeAll(async () => {
  await startServer();
  dataDir = await copyFixture('tiny');
  const settings = JSON.parse(readFileSync(join(dataDir, 'report.json'), 'utf8'));
  // in German, the sample client's language (the fixture's report is in English)
  await writeFile(join(dataDir, 'report.json'), JSON.stringify({ ...settings, locale: 'de', email: emailSettings({ tls: 'starttls' }) }, null, 2));
  work = await tempDir('mail');
  out = join(work, 'report');
  run = await runCli(['--data', dataDir, '--out', out, '--warehouse', join(work, 'warehouse.duckdb')], { env: { TEST_SMTP_PASSWORD: PASSWORD, ...TRUST } });
  message = received[0]!;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The texts of elements with a class on a built page, entities decoded. */
function classTexts(html: string, cls: string): string[] {
  return [...html.matchAll(new RegExp(`class="${cls}"[^>]*>([^<]*)<`, 'g'))].map((m) =>
    m[1]!.replace(/&nbsp;/g, '\u00a0').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&').trim(),
  );
}

const addresses = (field: AddressObject | AddressObject[] | undefined) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));
const isPng = (bytes: Buffer) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
/** A PNG's pixel size, from its IHDR chunk. */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

describe('the digest by e-mail after a run', () => {
  it('publishes the report, then sends one message and says so on one line', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(received).toHaveLength(1);
    expect(run.stdout).toMatch(/^mail +digest for 2026-10 sent to 3 recipients \(2 to, 1 cc\), \d+ kB, 2 charts, no PDF in \d+\.\d s$/m);
    // the addresses are not logged, nor the password
    expect(run.stdout + run.stderr).not.toMatch(/example\.com|pw-3f9c/);
    const log = readFileSync(`${out}.log.jsonl`, 'utf8');
    expect(log).not.toMatch(/example\.com|pw-3f9c/);
    const mailStep = log.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.event === 'step' && e.step === 'mail');
    expect(mailStep.counts.recipients).toBe(3);
    // the bytes on the wire: the message, a dot doubled at the start of a line, and the closing `\r\n.\r\n`
    // the bytes nodemailer wrote, against those the server kept: SMTP's framing (the closing `.`, dots doubled) apart
    expect(Math.abs(mailStep.counts.bytes - message.raw.length)).toBeLessThanOrEqual(8);
    expect(message.raw.length).toBeGreaterThan(20_000);
  });

  it('logs in with the password from the environment variable report.json names, over STARTTLS', () => {
    expect(logins).toEqual([{ user: USER, password: PASSWORD, secure: true }]);
  });

  it('goes to the recipients of report.json, from its sender, with the title and month as subject', () => {
    expect(message.from).toBe('report@example.com');
    expect(message.to.sort()).toEqual(['analyst@example.com', 'cfo@example.com', 'cmo@example.com']);
    expect(addresses(message.mail.to)).toEqual(['cmo@example.com', 'cfo@example.com']);
    expect(addresses(message.mail.cc)).toEqual(['analyst@example.com']);
    expect(message.mail.subject).toBe('Tiny Test Shop – Oktober 2026');
  });

  it('has a text part and an HTML part a mail client renders: no SVG, no script, no style sheet', () => {
    const html = String(message.mail.html);
    expect(message.mail.text).toBeTruthy();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style|<link/i);
    expect(html).not.toMatch(/ class="(?!tile-value|change-value)/);
  });

  it('attaches a PNG for every cid: image of the HTML, at twice its shown width', () => {
    const html = String(message.mail.html);
    const images = [...html.matchAll(/<img src="cid:([^"]+)" width="(\d+)" height="(\d+)"/g)].map((m) => ({ cid: m[1]!, width: Number(m[2]), height: Number(m[3]) }));
    expect(images.map((i) => i.cid)).toEqual(['channel-roi@2026-10', 'spend-revenue@2026-10']);
    expect([...html.matchAll(/cid:/g)]).toHaveLength(images.length);
    for (const image of images) {
      const attachment = message.mail.attachments.find((a) => a.cid === image.cid);
      expect(attachment, image.cid).toBeDefined();
      expect(attachment!.contentType).toBe('image/png');
      expect(attachment!.contentDisposition).toBe('inline');
      expect(isPng(attachment!.content)).toBe(true);
      expect(image.width).toBeGreaterThan(200);
      expect(image.width).toBeLessThanOrEqual(560);
      expect(pngSize(attachment!.content)).toEqual({ width: image.width * 2, height: image.height * 2 });
    }
    expect(message.mail.attachments.filter((a) => a.contentType === 'application/pdf')).toHaveLength(0);
  });

  it("shows the overview page's headline figures, to the character, in both parts", () => {
    const overview = readFileSync(join(out, 'index.html'), 'utf8');
    const values = classTexts(overview, 'tile-value');
    const changes = classTexts(overview, 'change-value');
    // the tiny fixture's October: costs 3,120.01, revenue 3,835.79 (test/report.e2e.test.ts)
    expect(values).toHaveLength(6);
    expect(values).toContain('3.120\u00a0€');
    expect(values).toContain('3.836\u00a0€');
    const html = String(message.mail.html);
    expect(classTexts(html, 'tile-value')).toEqual(values);
    expect(classTexts(html, 'change-value')).toEqual(changes.slice(0, values.length));
    const text = message.mail.text!;
    for (const value of values) expect(text).toContain(value);
    for (const change of changes.slice(0, values.length)) expect(text).toContain(change);
  });

  it("tells the month in the overview's words and lists the campaigns whose ROI moved most", () => {
    const overview = readFileSync(join(out, 'index.html'), 'utf8');
    const sentences = [...overview.matchAll(/<ul class="sentences"[^>]*>([\s\S]*?)<\/ul>/g)][0]![1]!;
    const first = /<li[^>]*>([^<]*)<\/li>/.exec(sentences)![1]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(first).toMatch(/^Im Oktober 2026/);
    expect(message.mail.text).toContain(first);
    expect(String(message.mail.html)).toContain(first.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    // LinkedIn B2B: ROI -1 in September (no revenue), 0.5 in October (test/report.e2e.test.ts)
    const nb = (text: string) => text.replace(/ (%|Pp\.)/g, '\u00a0$1');
    expect(overview).toContain(nb('„LinkedIn B2B“ (LinkedIn; zu wenige Conversions für ein Urteil) von -100,0 % auf 50,0 % (+150,0 Pp.)'));
    expect(message.mail.text).toContain(`Größte Veränderungen beim ROI\n=============================\n${nb('- LinkedIn B2B (LinkedIn; zu wenige Conversions für ein Urteil): ROI -100,0 % → 50,0 % (▲ +150,0 Pp.)')}\n`);
  });

  it("links to the month's page below report_url", () => {
    const url = 'https://reports.example.com/social-roi/2026-10/';
    expect(String(message.mail.html)).toContain(`href="${url}"`);
    expect(message.mail.text).toContain(`Den ganzen Bericht öffnen: ${url}`);
  });

  it('attaches the PDF when the run printed one beside the site', async () => {
    await writeFile(join(out, '2026-10', '2026-10.pdf'), '%PDF-1.7\n% test file standing in for the printed report\n%%EOF\n');
    const logger = memoryLogger();
    const email = normalizeSettings({ email: emailSettings() }).email!;
    expect(await deliverDigest(out, email, logger, { TEST_SMTP_PASSWORD: PASSWORD })).toBe(true);
    const mail = received.at(-1)!.mail;
    const pdf = mail.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdf.map((a) => [a.filename, a.content.toString('latin1', 0, 8)])).toEqual([['2026-10.pdf', '%PDF-1.7']]);
    expect(mail.text).toContain('Der Bericht hängt als PDF an (2026-10.pdf).');
    expect(logger.lines.at(-1)!.text).toMatch(/sent to 3 recipients .*, the PDF attached$/);
  });
});

describe('a digest that is not delivered', () => {
  const email = () => normalizeSettings({ email: emailSettings() }).email!;

  it('leaves the report published, logs why and exits 11 (a wrong password)', async () => {
    const before = received.length;
    const failed = await runCli(['--data', dataDir, '--out', out, '--warehouse', join(work, 'warehouse.duckdb')], { env: { TEST_SMTP_PASSWORD: 'not-the-password', ...TRUST } });
    expect(failed.code, failed.stderr).toBe(11);
    expect(received).toHaveLength(before);
    expect(failed.stdout).toMatch(/^report +2026-10 ready/m);
    expect(failed.stderr).toMatch(/^mail +digest for 2026-10 failed: the SMTP server 127\.0\.0\.1:\d+ refused the login of "report-bot" \(535 5\.7\.8 Authentication credentials invalid\); check email\.smtp\.user and the password in TEST_SMTP_PASSWORD$/m);
    expect(failed.stderr).not.toContain('not-the-password');
    // the whole report is there: every page and the data folder
    for (const file of ['index.html', '2026-10/index.html', '2026-10/campaigns/index.html', 'data/manifest.json', 'data/campaign_roi.arrow']) expect(existsSync(join(out, file)), file).toBe(true);
    const events = readFileSync(`${out}.log.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const last = events.slice(events.findLastIndex((e) => e.event === 'start'));
    expect(last.find((e) => e.event === 'error').message).toMatch(/^mail +digest for 2026-10 failed: the SMTP server/);
    expect(last.at(-1)).toMatchObject({ event: 'end', exit_code: 11 });
  });

  it('is not sent with --no-email, and the run succeeds', async () => {
    const before = received.length;
    const skipped = await runCli(['--data', dataDir, '--out', out, '--warehouse', join(work, 'warehouse.duckdb'), '--no-email'], { env: { TEST_SMTP_PASSWORD: 'not-the-password' } });
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(received).toHaveLength(before);
    expect(skipped.stdout + skipped.stderr).not.toMatch(/^mail/m);
  });

  it('says when the password is not in the environment', async () => {
    const logger = memoryLogger();
    expect(await deliverDigest(out, email(), logger, {})).toBe(false);
    expect(logger.lines.at(-1)!.text).toMatch(/^mail +digest for 2026-10 failed: no SMTP password: the environment variable TEST_SMTP_PASSWORD is not set or empty/);
  });

  it('says when the server cannot be reached', async () => {
    const closed = new SMTPServer({ logger: false });
    const closedPort = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.server.address() as { port: number }).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const logger = memoryLogger();
    const settings = normalizeSettings({ email: emailSettings({ port: closedPort }) }).email!;
    expect(await deliverDigest(out, settings, logger, { TEST_SMTP_PASSWORD: PASSWORD })).toBe(false);
    expect(logger.lines.at(-1)!.text).toMatch(new RegExp(`^mail +digest for 2026-10 failed: cannot reach the SMTP server 127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`));
  });

  it('refuses to send without TLS when tls is starttls (the default)', async () => {
    const plain: { user: string }[] = [];
    const noTls = new SMTPServer({ logger: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, onAuth: (auth, _s, done) => (plain.push({ user: auth.username ?? '' }), done(null, { user: auth.username })) });
    const noTlsPort = await new Promise<number>((resolve) => noTls.listen(0, '127.0.0.1', () => resolve((noTls.server.address() as { port: number }).port)));
    try {
      const logger = memoryLogger();
      const settings = normalizeSettings({ email: emailSettings({ port: noTlsPort, tls: 'starttls' }) }).email!;
      expect(await deliverDigest(out, settings, logger, { TEST_SMTP_PASSWORD: PASSWORD })).toBe(false);
      expect(logger.lines.at(-1)!.text).toMatch(/^mail +digest for 2026-10 failed: TLS with the SMTP server 127\.0\.0\.1:\d+ failed \(email\.smtp\.tls is starttls\): Error upgrading connection with STARTTLS: 500/);
      // the password never went over the unencrypted connection
      expect(plain).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => noTls.close(() => resolve()));
    }
  });

  it('says when the server\'s certificate is not trusted', async () => {
    // the test's certificate, which this process does not trust (no NODE_EXTRA_CA_CERTS here)
    const tls = new SMTPServer({ logger: false, authOptional: true, key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(join(TLS_DIR, 'cert.pem')) });
    const tlsPort = await new Promise<number>((resolve) => tls.listen(0, '127.0.0.1', () => resolve((tls.server.address() as { port: number }).port)));
    try {
      const logger = memoryLogger();
      const settings = normalizeSettings({ email: { ...emailSettings(), smtp: { host: '127.0.0.1', port: tlsPort, tls: 'starttls' } } }).email!;
      expect(await deliverDigest(out, settings, logger, {})).toBe(false);
      expect(logger.lines.at(-1)!.text).toMatch(new RegExp(`^mail +digest for 2026-10 failed: TLS with the SMTP server 127\\.0\\.0\\.1:${tlsPort} failed \\(email\\.smtp\\.tls is starttls\\): .*certificate.*; a certificate of a private authority needs NODE_EXTRA_CA_CERTS`));
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });

  it('names a refused recipient by its place in report.json, not by its address, and still reaches the others', async () => {
    const before = received.length;
    const logger = memoryLogger();
    const settings = normalizeSettings({ email: emailSettings({ to: ['cmo@example.com', REFUSED] }) }).email!;
    expect(await deliverDigest(out, settings, logger, { TEST_SMTP_PASSWORD: PASSWORD })).toBe(false);
    expect(received).toHaveLength(before + 1);
    expect(received.at(-1)!.to.sort()).toEqual(['analyst@example.com', 'cmo@example.com']);
    const line = logger.lines.at(-1)!.text;
    expect(line).toMatch(/^mail +digest for 2026-10 failed: sent to 2 of 3 recipients; the server refused email\.to\[1\] \(550 5\.1\.1 email\.to\[1\]: Recipient address rejected: User unknown\)/);
    expect(line).not.toContain('example.com');
  });

  it('says when the digest cannot be built, and leaves the report alone', async () => {
    const logger = memoryLogger();
    const empty = await tempDir('mail-empty');
    expect(await deliverDigest(empty, email(), logger, { TEST_SMTP_PASSWORD: PASSWORD })).toBe(false);
    expect(logger.lines.at(-1)!.text).toMatch(new RegExp(`^mail +digest failed: it could not be built from ${empty}: ENOENT`));
  });

  it('takes addresses and the password out of a reason', () => {
    const settings = email();
    expect(redact('550 <CFO@example.com> unknown; 553 <x@y.org>; pass s3cret', settings, 's3cret')).toBe('550 email.to[1] unknown; 553 <address>; pass ***');
  });
});

describe("report.json's email settings", () => {
  const check = (email: unknown) => () => normalizeSettings({ email });
  const base = { to: ['a@example.com'], from: 'r@example.com', report_url: 'https://r.example.com/', smtp: { host: 'smtp.example.com' } };

  it('takes defaults for what is left out: STARTTLS on 587, no login, the password in REPORT_SMTP_PASSWORD', () => {
    expect(normalizeSettings({ email: base }).email).toEqual({
      to: ['a@example.com'], cc: [], from: 'r@example.com', subject: null, report_url: 'https://r.example.com/',
      smtp: { host: 'smtp.example.com', port: 587, tls: 'starttls', user: null, password_env: 'REPORT_SMTP_PASSWORD' },
    });
    expect(normalizeSettings({ email: { ...base, smtp: { host: 'h', tls: 'tls' } } }).email!.smtp.port).toBe(465);
    expect(normalizeSettings({}).email).toBeNull();
  });

  it('names a bad field and its value', () => {
    expect(check({ ...base, to: [] })).toThrow('report.json: email.to must be a list of one or more e-mail addresses: []');
    expect(check({ ...base, to: ['a@example.com', 'not an address'] })).toThrow('report.json: email.to[1] must be an e-mail address such as "cmo@example.com": "not an address"');
    expect(check({ ...base, report_url: 'reports/' })).toThrow('report.json: email.report_url must be the http(s) address the report is served at');
    expect(check({ ...base, smtp: { host: 'h', tls: 'ssl' } })).toThrow('report.json: email.smtp.tls must be one of starttls, tls, none: "ssl"');
    expect(check({ ...base, smtp: { host: 'h', port: 70000 } })).toThrow('report.json: email.smtp.port must be a port number from 1 to 65535: 70000');
    expect(check({ ...base, smtp: { host: 'h', password_env: 'my password' } })).toThrow('report.json: email.smtp.password_env must be the name of an environment variable');
  });

  it('refuses a password written into report.json without repeating it', () => {
    const attempt = check({ ...base, smtp: { host: 'h', user: 'u', password: 'hunter2' } });
    expect(attempt).toThrow('report.json: email.smtp.password must not be in report.json: put the password in the environment variable password_env names (default REPORT_SMTP_PASSWORD)');
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('keeps the e-mail settings out of the published manifest', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'data', 'manifest.json'), 'utf8'));
    expect(manifest.settings).not.toHaveProperty('email');
    expect(JSON.stringify(manifest)).not.toContain('example.com');
  });
});

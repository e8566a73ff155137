// The month's digest by e-mail, after the report is published: the message built by
// digest.ts, sent with nodemailer to report.json's recipients through its SMTP server.
// A delivery that fails (no connection, a refused login or recipient, no password in
// the environment) never touches the published report: it is one log line, one entry
// in the run log and its own exit code (11, run.ts).
//
// Recipient addresses are not logged, only how many: the run log lies beside the report
// and goes into schedulers' and CI's logs, and the addresses are the client's staff, in
// report.json for whoever needs them. A refused recipient is named by its place there
// (`email.to[1]`). The password is read from the environment at sending time, never
// logged, and taken out of any server reply quoted in a message.
import { statSync } from 'node:fs';
import type { EmailSettings } from './config.ts';
import type { Digest } from './digest.ts';
import { formatCount, plural, type Logger } from './log.ts';

/** What a delivery ended with: the recipients the server took, and the message's size. */
export interface Delivered {
  accepted: number;
  bytes: number;
}

/** A delivery that did not happen (or not to everyone), in words fit for the log. */
export class MailError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'MailError';
  }
}

/** Seconds before a server that does not answer counts as unreachable. */
const CONNECT_SECONDS = 30;

/**
 * Builds the digest of the report published in `outDir` and sends it; logs one line
 * either way. True when every recipient took it; false (logged, the report untouched)
 * when not, also when the digest could not be built: the report is published by then,
 * so a scheduler reads exit 11 (report there, mail not) rather than a failed run.
 */
export async function deliverDigest(outDir: string, email: EmailSettings, logger: Logger, env: NodeJS.ProcessEnv = process.env, debug = false): Promise<boolean> {
  const started = performance.now();
  const published = `the report is published as it is; ${outDir} was not touched (exit 11)`;
  let digest: Digest;
  try {
    // the digest's charts need vega and resvg: loaded only for a run that sends one
    const { buildDigest } = await import('./digest.ts');
    digest = await buildDigest(outDir, email);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    logger.error(`mail      digest failed: it could not be built from ${outDir}: ${message}`, [published, ...(debug ? [] : ['run again with --debug for the stack trace'])]);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return false;
  }
  const what = `digest for ${digest.month}`;
  try {
    const sent = await sendDigest(digest, email, env);
    const recipients = email.to.length + email.cc.length;
    const parts = [`${plural(digest.images.length, 'chart')}`, digest.pdf ? 'the PDF attached' : 'no PDF'];
    logger.step('mail', `${what} sent to ${plural(recipients, 'recipient')} (${formatCount(email.to.length)} to, ${formatCount(email.cc.length)} cc), ${formatBytes(sent.bytes)}, ${parts.join(', ')}`, (performance.now() - started) / 1000, {
      recipients,
      bytes: sent.bytes,
    });
    return true;
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    logger.error(`mail      ${what} failed: ${error.message}`, [published]);
    return false;
  }
}

/** Sends the digest; a MailError says why not, in words fit for the log. */
export async function sendDigest(digest: Digest, email: EmailSettings, env: NodeJS.ProcessEnv = process.env): Promise<Delivered> {
  const { smtp } = email;
  let password: string | null = null;
  if (smtp.user !== null) {
    password = env[smtp.password_env] ?? '';
    if (password === '') throw new MailError(`no SMTP password: the environment variable ${smtp.password_env} is not set or empty (email.smtp.user is set, so the server expects a login)`);
  }
  // loaded only when a digest is sent: most runs send none
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'tls',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(smtp.user !== null && password !== null ? { auth: { user: smtp.user, pass: password } } : {}),
    connectionTimeout: CONNECT_SECONDS * 1000,
    greetingTimeout: CONNECT_SECONDS * 1000,
    socketTimeout: 4 * CONNECT_SECONDS * 1000,
  });
  try {
    const info = await transport.sendMail({
      from: email.from,
      to: email.to,
      cc: email.cc,
      subject: digest.subject,
      text: digest.text,
      html: digest.html,
      attachments: [
        ...digest.images.map((image) => ({ filename: image.filename, content: image.png, contentType: 'image/png', cid: image.cid, contentDisposition: 'inline' as const })),
        ...(digest.pdf ? [{ filename: digest.pdf.filename, path: digest.pdf.path, contentType: 'application/pdf' }] : []),
      ],
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length) {
      const refused = (info.rejectedErrors ?? []).map((e) => reply(e as SmtpFailure));
      throw new MailError(
        redact(`sent to ${info.accepted.length} of ${email.to.length + email.cc.length} recipients; the server refused ${rejected.join(', ')}${refused.length ? ` (${[...new Set(refused)].join('; ')})` : ''}`, email, password),
      );
    }
    const bytes = (info as { messageSize?: number }).messageSize ?? messageBytes(digest);
    return { accepted: info.accepted.length, bytes };
  } catch (error) {
    if (error instanceof MailError) throw error;
    throw new MailError(redact(failureWords(error as SmtpFailure, email), email, password), { cause: error });
  } finally {
    transport.close();
  }
}

/** What nodemailer's errors carry: its code, the SMTP command and the server's reply. */
interface SmtpFailure extends Error {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  rejected?: string[];
  rejectedErrors?: SmtpFailure[];
}

function reply(error: SmtpFailure): string {
  return (error.response ?? error.message).split('\n')[0]!.trim();
}

function failureWords(error: SmtpFailure, email: EmailSettings): string {
  const server = `${email.smtp.host}:${email.smtp.port}`;
  const cause = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  // a certificate Node does not trust ends the socket (ESOCKET): not a server out of reach
  if (/certificate|self[- ]signed|CERT_|unable to verify/i.test(error.message)) {
    return `TLS with the SMTP server ${server} failed (email.smtp.tls is ${email.smtp.tls}): ${error.message}; a certificate of a private authority needs NODE_EXTRA_CA_CERTS=<its PEM file>`;
  }
  switch (error.code) {
    case 'EAUTH':
      return `the SMTP server ${server} refused the login of ${JSON.stringify(email.smtp.user)} (${reply(error)}); check email.smtp.user and the password in ${email.smtp.password_env}`;
    case 'EENVELOPE':
      return error.rejected?.length
        ? `the SMTP server ${server} refused every recipient: ${error.rejected.join(', ')} (${[...new Set((error.rejectedErrors ?? []).map(reply))].join('; ') || reply(error)})`
        : `the SMTP server ${server} refused the message (${error.command ?? 'envelope'}: ${reply(error)})`;
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'ETIMEDOUT':
      return `cannot reach the SMTP server ${server}: ${error.message}${cause && !error.message.includes(cause) ? ` (${cause})` : ''}`;
    case 'ETLS':
      return `TLS with the SMTP server ${server} failed (email.smtp.tls is ${email.smtp.tls}): ${error.message}`;
    case 'EMESSAGE':
    case 'EPROTOCOL':
      return `the SMTP server ${server} did not take the message (${error.command ?? 'DATA'}: ${reply(error)})`;
    default:
      return `sending through ${server} failed${error.code ? ` (${error.code})` : ''}: ${reply(error)}`;
  }
}

/**
 * A reason with the recipients' addresses replaced by their place in report.json
 * (`email.cc[0]`), any other address by `<address>`, and the password taken out.
 */
export function redact(text: string, email: EmailSettings, password: string | null): string {
  let out = password ? text.split(password).join('***') : text;
  const places = [...email.to.map((a, i) => [a, `email.to[${i}]`] as const), ...email.cc.map((a, i) => [a, `email.cc[${i}]`] as const)];
  out = out.replace(/<?[^\s<>(),;:"']+@[^\s<>(),;:"']+>?/g, (found) => {
    const address = found.replace(/^<|>$/g, '').toLowerCase();
    return places.find(([a]) => a.toLowerCase() === address)?.[1] ?? '<address>';
  });
  return out;
}

/** The message's size when the transport did not say: its parts' bytes. */
function messageBytes(digest: Digest): number {
  const pdf = digest.pdf ? statSync(digest.pdf.path).size : 0;
  return Buffer.byteLength(digest.html) + Buffer.byteLength(digest.text) + digest.images.reduce((sum, i) => sum + i.png.length, 0) + pdf;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${formatCount(Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

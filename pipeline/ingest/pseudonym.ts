// Customer pseudonyms. Orders and touchpoints name a customer by an id or an
// e-mail address; the warehouse keeps neither, only a keyed hash of it: the
// SHA-256 of a secret key followed by the customer's identity, kept as a 128-bit
// number (UHUGEINT, see below), where the identity is
//   - for an e-mail address, the SHA-256 of the address (trimmed, lower case),
//     so that a touchpoints.csv that holds this hash instead of the address
//     (README: "the address or its hash") names the same customer;
//   - for such a hash (64 hexadecimal digits), the hash in lower case;
//   - for any other id, the id, trimmed.
// The key is kept beside the warehouse (`<warehouse>.key`). The same customer
// gets the same pseudonym in orders and touchpoints, so journeys still join;
// without the key, hashing a list of known addresses (the shop's own customer
// list) matches nothing, which the plain SHA-256 the warehouse kept before did.
//
// The key: 32 bytes from crypto.randomBytes, written as 64 hex digits on the
// first run with mode 0600. Losing it loses nothing but the pseudonyms: the next
// run makes a new key, and every order and touchpoint is read again under it
// (the key's fingerprint is part of what decides whether a file is read again,
// ingest/index.ts).
//
// Why sha256(key || identity) and not HMAC-SHA-256: DuckDB has sha256() but no
// HMAC of its own (only the community extension `crypto`, downloaded at run
// time). An HMAC written out of sha256 (RFC 2104, H((K^opad) || H((K^ipad) || m)))
// works, but hashes twice and converts hex to bytes per row: 2.3x the time of
// one sha256 over 2 M addresses (5.4 s against 2.4 s). A secret prefix of 256
// random bits is what stops the dictionary attack: without the key no guess of
// an address can be checked. HMAC's extra pass guards against length extension,
// which here would only let someone make the pseudonym of an identity ending in
// SHA-256 padding bytes, which no customer has; it turns no pseudonym back into
// an id.
//
// Kept as a number: the 64 hexadecimal digits of the keyed SHA-256 are folded into
// 128 bits by DuckDB's md5_number() (the MD5 of the digits, read as an unsigned
// 128-bit integer, least significant byte first). A customer column of 16 bytes
// rather than a 64-character string makes every join and aggregate by customer
// cheaper and the raw tables smaller: at scale 100 the list of each customer's
// touches (int_attribution_non_conversion_paths) took 19.4 s instead of 27.0 s, the
// transform 190.8 s instead of 198.3 s (docs/performance.md). The secrecy is the
// keyed SHA-256's: MD5 only shortens it, and its known weakness, collisions made on
// purpose, needs control of what is hashed, here the output of a SHA-256 whose key
// nobody but the warehouse has. By chance two of 50 million customers share a
// pseudonym with a probability of about 4e-24.
//
// Cost, measured on the scale-10 sample's 5.07 M touchpoints (all addresses,
// 1.4 M distinct) on a loaded 2-core machine, three runs each: the unkeyed
// sha256 this replaces took 1.8-3.3 s, customer_key() 5.5-7.4 s (two hashes per
// address: the identity, then the keyed one); about +4 s per 5 M rows, +40 s at
// 50 M touchpoints. Whole ingests of that sample ran 34-61 s before and 57-58 s
// after, too noisy beside other work on the machine to say more. Hashing the
// 1.4 M distinct ids and joining them back costs about the old time, but a join
// gives up the file order the raw tables are filled in. The MD5 fold came later: loading
// that touchpoints.csv took 13.7 s without it and 15.9 s with it (one run each).
import { createHash, randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { ReportError } from '../errors.ts';
import type { Warehouse } from '../warehouse.ts';

const KEY_BYTES = 32;

export function keyPath(warehousePath: string): string {
  return `${warehousePath}.key`;
}

/**
 * The warehouse's pseudonym key: read from `<warehouse>.key`, or made and
 * written there (mode 0600, never replacing a file that appeared meanwhile).
 */
export async function readOrCreateKey(warehousePath: string): Promise<{ key: Buffer; created: boolean }> {
  const path = keyPath(warehousePath);
  let created = false;
  try {
    await writeFile(path, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // a key copied in by hand (or made under another umask) is made private again, unless another account owns it
  await chmod(path, 0o600).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPERM') throw error;
  });
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new ReportError(
      `${path} is not a pseudonym key (64 hexadecimal digits); delete it to have the next run make a new one (every order and touchpoint file is then read again)`,
    );
  }
  return { key: Buffer.from(text, 'hex'), created };
}

/** A short name of the key that reveals nothing of it, for the load ledger: a new key reads the customer files again. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('customer-key-fingerprint').update(key).digest('hex').slice(0, 12);
}

/** The identity that is hashed with the key (see above); null when the id is empty. */
export function customerIdentity(id: string): string | null {
  const trimmed = id.replace(/^ +| +$/g, ''); // DuckDB's trim() takes spaces only
  if (trimmed === '') return null;
  if (trimmed.includes('@')) return createHash('sha256').update(trimmed.toLowerCase(), 'utf8').digest('hex');
  return /^[0-9a-f]{64}$/i.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

/**
 * The pseudonym in JavaScript, as the decimal digits of what customer_key() gives in
 * SQL (`customer_id::varchar`).
 */
export function customerPseudonym(key: Buffer, id: string): string | null {
  const identity = customerIdentity(id);
  if (identity === null) return null;
  const keyed = createHash('sha256').update(key.toString('hex') + identity, 'utf8').digest('hex');
  // md5_number(): the MD5's 16 bytes as an unsigned integer, the first byte the least significant
  return BigInt(`0x${createHash('md5').update(keyed, 'utf8').digest().reverse().toString('hex')}`).toString();
}

/**
 * Defines the temp macro customer_key(id) on the warehouse's connection (temp:
 * it is never written to the warehouse file, so the file holds no key).
 * The identity as customerIdentity; DuckDB's lower() folds Unicode like
 * JavaScript's toLowerCase() for the letters of e-mail addresses (the tests
 * compare the two).
 */
export async function defineCustomerKey(warehouse: Warehouse, key: Buffer): Promise<void> {
  const identity = `case
      when trim(id) like '%@%' then sha256(lower(trim(id)))
      when regexp_full_match(trim(id), '[0-9A-Fa-f]{64}') then lower(trim(id))
      else nullif(trim(id), '')
  end`;
  await warehouse.run(`create or replace temp macro customer_key(id) as md5_number(sha256('${key.toString('hex')}' || (${identity})))`);
}

/** A customer key column as the warehouse keeps it (see above); customer_key() is defined by ingest. */
export function customerKeySql(col: string): string {
  return `customer_key(${col})`;
}

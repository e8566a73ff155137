// Customer ids as the warehouse keeps them: keyed hashes under the key beside
// the warehouse file (pipeline/ingest/pseudonym.ts). Tests that name a customer
// look the pseudonym up here.
import { createHash } from 'node:crypto';
import { customerPseudonym, readOrCreateKey } from '../../pipeline/ingest/pseudonym.ts';
import type { Warehouse } from '../../pipeline/warehouse.ts';

/** The pseudonym of an id (or e-mail address) in this warehouse. */
export async function pseudonymIn(warehouse: Warehouse): Promise<(id: string) => string> {
  const { key } = await readOrCreateKey(warehouse.path);
  return (id) => customerPseudonym(key, id) ?? '';
}

/** Turns pseudonyms of the given ids back into the ids (others stay as they are). */
export async function originalIdsIn(warehouse: Warehouse, ids: Iterable<string>): Promise<(pseudonym: string) => string> {
  const pseudonym = await pseudonymIn(warehouse);
  const back = new Map([...ids].map((id) => [pseudonym(id), id]));
  return (value) => back.get(value) ?? value;
}

/** What DuckDB's md5_number(text) gives, as decimal digits: how the warehouse would keep an unkeyed hash. */
export function md5Number(text: string): string {
  return BigInt(`0x${createHash('md5').update(text, 'utf8').digest().reverse().toString('hex')}`).toString();
}

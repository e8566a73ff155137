// Fictional customers. Name, email and country follow from the customer number alone,
// so nothing about a customer has to be kept in memory.

import { hash32 } from './random.ts';
import type { Rng } from './random.ts';

const FIRST_NAMES = [
  'Anna', 'Lea', 'Lena', 'Julia', 'Sarah', 'Laura', 'Katharina', 'Sophie', 'Marie', 'Hannah', 'Lisa', 'Johanna',
  'Miriam', 'Franziska', 'Christina', 'Sabine', 'Petra', 'Claudia', 'Andrea', 'Nicole', 'Stefanie', 'Melanie',
  'Jana', 'Carla', 'Charlotte', 'Greta', 'Ida', 'Frieda', 'Ulrike', 'Birgit', 'Jürgen', 'Lukas', 'Jonas', 'Felix',
  'Maximilian', 'Paul', 'Tobias', 'Florian', 'Matthias', 'Sebastian', 'Daniel', 'Moritz', 'Niklas', 'Jörg', 'Björn',
  'Malte', 'Henrik', 'Ole', 'Till', 'Kerstin', 'Anke', 'Silke', 'Dörte', 'Jutta', 'Gülay', 'Elif', 'Zoë', 'Mareike',
] as const;

const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun',
  'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze',
  'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Möller',
  'Weiß', 'Jung', 'Hahn', 'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger', 'Winkler', 'Roth', 'Beck',
  'Lorenz', 'Baumann', 'Franke', 'Albrecht', 'Brandt', 'Sommerfeld', 'Thießen', 'Öztürk', 'Yılmaz', 'Nowak',
] as const;

function entry(list: readonly string[], n: number): string {
  return list[n % list.length] ?? '';
}

function ascii(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('ä', 'ae').replaceAll('ö', 'oe').replaceAll('ü', 'ue').replaceAll('ß', 'ss')
    .replaceAll('ı', 'i').replaceAll('ë', 'e')
    .replace(/[^a-z]/g, '');
}

export function customerId(n: number): string {
  return `C${String(n).padStart(6, '0')}`;
}

export interface Person {
  name: string;
  email: string;
  swiss: boolean;
}

export function person(seed: number, n: number): Person {
  const h = hash32(seed, n, 0x51ed);
  const first = entry(FIRST_NAMES, h & 0xffff);
  const last = entry(LAST_NAMES, h >>> 16);
  return {
    name: `${first} ${last}`,
    // the customer number keeps every email unique
    email: `${ascii(first)}.${ascii(last)}.${n}@example.de`,
    swiss: hash32(seed, n, 0xc4) % 1000 < 40,
  };
}

/** Hands out customer numbers to new people and picks returning buyers. */
export class CustomerRegistry {
  private next = 1;
  private readonly buyers: number[] = [];
  /** the day of each buyer's latest order, beside `buyers` */
  private readonly lastOrderDay: number[] = [];

  create(): number {
    return this.next++;
  }

  /**
   * A buyer for a new order on `day`: a returning customer with probability `repeat`,
   * unless the one drawn ordered within the last two weeks.
   */
  buyer(rng: Rng, repeat: number, day: number): { n: number; returning: boolean } {
    if (this.buyers.length > 0 && rng.chance(repeat)) {
      // recent buyers come back more often than old ones
      const back = Math.floor(this.buyers.length * rng.next() ** 1.6);
      const index = this.buyers.length - 1 - back;
      const n = this.buyers[index];
      if (n !== undefined && (this.lastOrderDay[index] ?? -Infinity) <= day - 14) {
        this.lastOrderDay[index] = day;
        return { n, returning: true };
      }
    }
    const n = this.create();
    this.buyers.push(n);
    this.lastOrderDay.push(day);
    return { n, returning: false };
  }
}

/** What every capability's service is built from: dependencies passed in, never imported singletons. */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Database, Db } from './db';
import type { CaseEventHandler } from '../intake/events';

/** Time, passed in: tests move a fake clock, production reads the system's. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export class FakeClock implements Clock {
  #t: number;
  constructor(start: Date | string) {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  set(t: Date | string): void {
    this.#t = new Date(t).getTime();
  }
  advance(ms: number): void {
    this.#t += ms;
  }
}

export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly db: Db;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /** Random bytes (authorization numbers, tokens). */
  readonly random: (n: number) => Uint8Array;
  /** Capabilities told of every case change, in the change's transaction (see intake/events.ts). */
  readonly caseEvents: readonly CaseEventHandler[];
}

export const cryptoRandom = (n: number): Uint8Array => randomBytes(n);

/**
 * A rest-hook subscriber for the PAS subscription tests: a small HTTP server that records every
 * notification it receives (headers and parsed body), and helpers to read a notification Bundle
 * (Subscriptions R5 Backport 1.1.0 for R4: a `history` Bundle whose first entry is the
 * SubscriptionStatus Parameters and whose second, for PAS, is the full PAS Response Bundle).
 */
import { createServer, type Server } from 'node:http';

type J = Record<string, unknown>;
export const obj = (v: unknown): J => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {});
export const list = (v: unknown): J[] => (Array.isArray(v) ? v.map(obj) : []);

export interface Received {
  readonly path: string;
  readonly headers: J;
  readonly body: J;
}

export interface Subscriber {
  /** Base URL of the server; any path under it is accepted (use one path per subscription). */
  readonly url: string;
  readonly received: Received[];
  /** Answer the next `n` posts with 503. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startSubscriber(): Promise<Subscriber> {
  const received: Received[] = [];
  let failing = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (failing > 0) {
        failing--;
        res.writeHead(503).end();
        return;
      }
      received.push({ path: req.url ?? '', headers: obj(req.headers), body: obj(JSON.parse(body)) });
      res.writeHead(200).end();
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve(a !== null && typeof a !== 'string' ? a.port : 0);
  }));
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The SubscriptionStatus parameters of a notification: name → value (or parts). */
export function statusParams(notification: J): Map<string, unknown> {
  const params = list(obj(list(notification['entry'])[0]?.['resource'])['parameter']);
  return new Map(params.map((p) => [String(p['name']), p['valueCode'] ?? p['valueString'] ?? p['part']]));
}

/** The PAS Response Bundle a notification carries (its second entry). */
export const focusBundle = (notification: J): J => obj(list(notification['entry'])[1]?.['resource']);

/** The ClaimResponse of a PAS Response Bundle (its first entry). */
export const claimResponseOf = (bundle: J): J => obj(list(bundle['entry'])[0]?.['resource']);

/** Review action (HCR01) of each ClaimResponse item, by item sequence (key order does not matter: jsonb sorts keys). */
export function reviewActions(claimResponse: J): Record<number, string> {
  const out: Record<number, string> = {};
  const find = (v: unknown): string | undefined => {
    if (Array.isArray(v)) return v.map(find).find((x) => x !== undefined);
    const o = obj(v);
    if (o['system'] === 'https://codesystem.x12.org/005010/306' && typeof o['code'] === 'string') return o['code'];
    return Object.values(o).map(find).find((x) => x !== undefined);
  };
  for (const it of list(claimResponse['item'])) out[Number(it['itemSequence'])] = find(it['adjudication']) ?? '';
  return out;
}

/**
 * `npm run bench -- clocks`: decision-clock due-date computations per second over a mix of every
 * scenario kind (the shared 47 and the extra scenarios), plus case clocks and the business-day
 * calendar against date-holidays, measured in the same run. Options: --seconds=N (per figure).
 */
import { readFileSync } from 'node:fs';
import { DateTime, IANAZone } from 'luxon';
import Holidays from 'date-holidays';
import { computeCaseClock, computeClock, builtInCalendar, scenarioInput, type ClockInput } from '../src/clocks/index';

function load(name: string): ClockInput[] {
  const doc: unknown = JSON.parse(readFileSync(new URL(`../test/fixtures/clocks/${name}`, import.meta.url), 'utf8'));
  const list: unknown = typeof doc === 'object' && doc !== null && 'scenarios' in doc ? doc.scenarios : [];
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw: unknown) => {
    const parsed = scenarioInput(raw);
    return 'input' in parsed ? [parsed.input] : [];
  });
}

function measure(label: string, seconds: number, op: (i: number) => unknown): number {
  for (let i = 0; i < 2_000; i += 1) op(i); // warm up
  let n = 0;
  let sink = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let k = 0; k < 200; k += 1, n += 1) sink += op(n) === undefined ? 0 : 1;
  }
  const rate = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(58)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} /s  (${n.toLocaleString('en-US')} runs, ${sink > 0 ? 'ok' : '-'})`);
  return rate;
}

export default async function run(args: string[]): Promise<void> {
  const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 2);
  const inputs = [...load('clock-scenarios.json'), ...load('extra-scenarios.json')];
  const withEvents = inputs.filter((i) => (i.events?.length ?? 0) > 0).length;
  console.log(`node ${process.version}; ${inputs.length} scenario inputs (${withEvents} with events), ${seconds} s per figure`);

  const engine = measure('computeClock, scenario mix', seconds, (i) => computeClock(inputs[i % inputs.length] ?? inputs[0]!));
  measure('computeCaseClock, MA prior auth with 3 lines', seconds, (i) =>
    computeCaseClock({
      caseKind: 'prior_auth',
      coverage: { lineOfBusiness: 'medicare_advantage' },
      priority: i % 3 === 0 ? 'expedited' : 'standard',
      receivedAt: new Date(Date.UTC(2026, 0, 1) + (i % 100_000) * 600_000).toISOString(),
      lines: [{ lineId: 'a', serviceGroup: 'radiology' }, { lineId: 'b', serviceGroup: 'part_b_drug' }, { lineId: 'c', serviceGroup: 'dme' }],
    }),
  );
  // Baseline in the same run: the same kind of arithmetic done directly with luxon.
  const ny = IANAZone.create('America/New_York');
  const baseline = measure('baseline: luxon fromMillis + plus(7 days) + 23:59:59 + toISO', seconds, (i) =>
    DateTime.fromMillis(Date.UTC(2026, 0, 1) + (i % 100_000) * 600_000, { zone: ny })
      .plus({ days: 7 })
      .set({ hour: 23, minute: 59, second: 59, millisecond: 0 })
      .toISO(),
  );
  console.log(`engine / luxon-baseline ratio: ${(engine / baseline).toFixed(2)}`);

  const ours = builtInCalendar('us-federal');
  const day0 = Math.floor(Date.UTC(2025, 0, 1) / 86_400_000);
  const ourRate = measure('5 business days, our calendar (5 U.S.C. 6103 rules)', seconds, (i) => ours.addBusinessDays(day0 + (i % 1460), 5));
  const lib = new Holidays('US', { types: ['public'] });
  const libRate = measure('5 business days, date-holidays isHoliday()', seconds, (i) => {
    let d = day0 + (i % 1460);
    let left = 5;
    while (left > 0) {
      d += 1;
      const date = new Date(d * 86_400_000);
      const wd = date.getUTCDay();
      if (wd !== 0 && wd !== 6 && lib.isHoliday(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12))) === false) left -= 1;
    }
    return d;
  });
  console.log(`our calendar / date-holidays ratio: ${(ourRate / libRate).toFixed(1)}`);
}

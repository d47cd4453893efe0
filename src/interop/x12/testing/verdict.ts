/**
 * What an answer from `POST /x12` says, in a form tests compare with `expectations.json`: the TA1,
 * each 999 (AK9 and the IK5 of each set), and each 278 / 271 with its AAA (loop, AAA01, AAA03,
 * AAA04), HCR (level and action) and EB01 codes, read from the segments. Pure.
 */
import { segmentsOf } from '../syntax/read';

export interface AnswerVerdict {
  readonly set: string;
  readonly implementation: string;
  /** `2010C:Y:75:C` … */
  readonly aaa: readonly string[];
  /** `2000E:A4` … */
  readonly hcr: readonly string[];
  /** EB01 of a 271. */
  readonly eb: readonly string[];
}

export interface PostVerdict {
  readonly ta1: readonly [string, string] | null;
  readonly acks: readonly { readonly ak9: string; readonly sets: readonly string[] }[];
  readonly answers: readonly AnswerVerdict[];
}

const LOOPS_278: Readonly<Record<string, string>> = { '20': '2010A', '21': '2010B', '22': '2010C', '23': '2010D', EV: '2000E', SS: '2000F' };
const LOOPS_271: Readonly<Record<string, string>> = { '20': '2100A', '21': '2100B', '22': '2100C', '23': '2100D' };

export function postVerdict(reply: string): PostVerdict {
  const { segments } = segmentsOf(reply);
  let ta1: PostVerdict['ta1'] = null;
  const acks: { ak9: string; sets: string[] }[] = [];
  const answers: { set: string; implementation: string; aaa: string[]; hcr: string[]; eb: string[] }[] = [];
  let kind = '';
  let level = '';
  const e = (s: { elements: readonly string[] }, i: number): string => s.elements[i] ?? '';
  for (const s of segments) {
    switch (s.id) {
      case 'TA1':
        ta1 = [e(s, 4), e(s, 5)];
        break;
      case 'ST':
        kind = e(s, 1);
        level = '';
        if (kind === '999') acks.push({ ak9: '', sets: [] });
        else answers.push({ set: kind, implementation: e(s, 3), aaa: [], hcr: [], eb: [] });
        break;
      case 'IK5':
        acks.at(-1)?.sets.push(e(s, 1));
        break;
      case 'AK9': {
        const a = acks.at(-1);
        if (a !== undefined) a.ak9 = e(s, 1);
        break;
      }
      case 'HL':
        level = e(s, 3);
        break;
      case 'AAA': {
        const loop = (kind === '271' ? LOOPS_271 : LOOPS_278)[level] ?? level;
        answers.at(-1)?.aaa.push(`${loop}:${e(s, 1)}:${e(s, 3)}:${e(s, 4)}`);
        break;
      }
      case 'HCR':
        answers.at(-1)?.hcr.push(`${LOOPS_278[level] ?? level}:${e(s, 1)}`);
        break;
      case 'EB':
        answers.at(-1)?.eb.push(e(s, 1));
        break;
    }
  }
  return { ta1, acks, answers };
}

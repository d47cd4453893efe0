import { ELEMENT_ERROR, SEGMENT_ERROR, type ElementErrorCode, type SegmentErrorCode } from '../ack/codes';
import type { ElementError, SegmentError } from '../ack/types';
import type { Segment } from '../syntax/segment';

interface Draft {
  segmentId: string;
  position: number;
  loop: string | undefined;
  code: SegmentErrorCode;
  elements: ElementError[];
  streamPosition: number | undefined;
  message: string;
}

/**
 * Collects the IK3/IK4 errors of one transaction set. Positions are given as stream positions
 * and turned into positions inside the set (ST = 1). At most `limit` segment errors are kept,
 * so that a huge file full of errors cannot exhaust memory.
 */
export class Issues {
  private readonly drafts: Draft[] = [];
  private readonly bySegment = new Map<number, Draft>();
  private dropped = false;

  constructor(
    private readonly stPosition: number,
    private readonly limit = 1000,
  ) {}

  get count(): number {
    return this.drafts.length;
  }

  get truncated(): boolean {
    return this.dropped;
  }

  /** Position inside the transaction set of a segment at stream position `p`. */
  inSet(p: number): number {
    return p - this.stPosition + 1;
  }

  private add(d: Draft): Draft | undefined {
    if (this.drafts.length >= this.limit) {
      this.dropped = true;
      return undefined;
    }
    this.drafts.push(d);
    return d;
  }

  /** A segment-level problem (IK304 other than 8). */
  segment(seg: Segment, loop: string | undefined, code: SegmentErrorCode, message: string = SEGMENT_ERROR[code]): void {
    this.add({ segmentId: seg.id, position: this.inSet(seg.position), loop, code, elements: [], streamPosition: seg.position, message });
  }

  /** A required segment that is not there; `before` is the stream position of the segment found in its place. */
  missing(segmentId: string, before: number, loop: string | undefined, message: string, code: SegmentErrorCode = '3'): void {
    this.add({ segmentId, position: this.inSet(before), loop, code, elements: [], streamPosition: undefined, message: `${segmentId} missing: ${message}` });
  }

  /** A data element problem: IK3 code 8 for the segment, one IK4 per element. */
  element(seg: Segment, loop: string | undefined, e: Omit<ElementError, 'message'> & { readonly message?: string }): void {
    let d = this.bySegment.get(seg.position);
    if (d === undefined) {
      d = this.add({ segmentId: seg.id, position: this.inSet(seg.position), loop, code: '8', elements: [], streamPosition: seg.position, message: `${seg.id} has data element errors` });
      if (d === undefined) return;
      this.bySegment.set(seg.position, d);
    }
    const where = `${seg.id}${String(e.element).padStart(2, '0')}${e.component === undefined ? '' : `-${e.component}`}`;
    d.elements.push({ ...e, message: e.message ?? `${where}: ${ELEMENT_ERROR[e.code]}` });
  }

  /** Copies errors found by another collector of the same set (e.g. one 834 member), within the limit. */
  addAll(errors: readonly SegmentError[]): void {
    for (const e of errors) {
      const d = this.add({ segmentId: e.segmentId, position: e.position, loop: e.loop, code: e.code, elements: [...e.elements], streamPosition: e.streamPosition, message: e.message });
      if (d === undefined) return;
    }
  }

  /** Shorthand for an element error with a code. */
  bad(seg: Segment, loop: string | undefined, element: number, code: ElementErrorCode, value?: string, component?: number, message?: string): void {
    this.element(seg, loop, {
      element,
      code,
      ...(component === undefined ? {} : { component }),
      ...(value === undefined || value === '' ? {} : { value }),
      ...(message === undefined ? {} : { message }),
    });
  }

  get errors(): readonly SegmentError[] {
    return this.drafts.map((d) => ({
      segmentId: d.segmentId,
      position: d.position,
      ...(d.loop === undefined ? {} : { loop: d.loop }),
      code: d.code,
      elements: d.elements,
      ...(d.streamPosition === undefined ? {} : { streamPosition: d.streamPosition }),
      message: d.message,
    }));
  }
}

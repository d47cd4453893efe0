/**
 * Compiles a StructureDefinition snapshot into a tree: each element knows its children (by
 * element name) and its named slices (FHIR R4 §ElementDefinition.id: `path:sliceName` segments;
 * §Profiling: slicing). The validator walks instances against this tree.
 */
import type { ElementDef, StructureDef } from './definitions';

export interface ElementNode {
  readonly def: ElementDef;
  /** The last path segment: `item`, `value[x]`. */
  readonly name: string;
  /** Child elements by name, in snapshot order. */
  readonly children: ReadonlyMap<string, ElementNode>;
  /** Named slices of this element (only on the element that carries `slicing`). */
  readonly slices: readonly ElementNode[];
  readonly sd: StructureDef;
}

export interface ElementTree {
  readonly sd: StructureDef;
  readonly root: ElementNode;
  readonly byId: ReadonlyMap<string, ElementNode>;
}

interface MutableNode {
  readonly def: ElementDef;
  readonly name: string;
  readonly children: Map<string, MutableNode>;
  readonly slices: MutableNode[];
  readonly sd: StructureDef;
}

function lastSegment(id: string): string {
  const dot = id.lastIndexOf('.');
  return dot < 0 ? id : id.slice(dot + 1);
}

/** Build the element tree of a StructureDefinition snapshot; `undefined` if it has no root. */
export function buildTree(sd: StructureDef): ElementTree | undefined {
  const byId = new Map<string, MutableNode>();
  let root: MutableNode | undefined;
  for (const def of sd.elements) {
    const seg = lastSegment(def.id);
    const colon = seg.indexOf(':');
    const node: MutableNode = { def, name: colon < 0 ? seg : seg.slice(0, colon), children: new Map(), slices: [], sd };
    byId.set(def.id, node);
    if (root === undefined) {
      root = node;
      continue;
    }
    const parentId = def.id.slice(0, def.id.length - seg.length - 1);
    if (colon >= 0) {
      // A slice: it belongs to the sliced element (same id without the last `:slice` part;
      // re-slices `a:s/t` belong to `a:s`).
      const sliceName = seg.slice(colon + 1);
      const slash = sliceName.lastIndexOf('/');
      const slicedSeg = slash < 0 ? seg.slice(0, colon) : `${seg.slice(0, colon)}:${sliceName.slice(0, slash)}`;
      const slicedId = parentId === '' ? slicedSeg : `${parentId}.${slicedSeg}`;
      byId.get(slicedId)?.slices.push(node);
      continue;
    }
    const parent = byId.get(parentId);
    if (parent !== undefined && !parent.children.has(node.name)) parent.children.set(node.name, node);
  }
  return root === undefined ? undefined : { sd, root, byId };
}

/**
 * The client-side document store: one JSON document per session (PROTOCOL.md §3).
 *
 * Every mutation (`replace`, `apply`, `setProp`) returns a `Changes` value that says what
 * differs from the document before it, so views re-render only what changed:
 *
 *   {
 *     title: boolean,               // the title changed
 *     roots: boolean,               // the roots list changed
 *     added: string[],              // model ids that are new (or whose type changed)
 *     removed: string[],            // model ids that are gone (or whose type changed)
 *     changed: Map<string, Set<string>>,  // model id -> names of props whose value changed
 *   }
 *
 * A model whose `type` changed under the same id is reported in both `removed` and `added`.
 */

import { applyPatch, deepEqual, escapeToken } from "./patch.js";

/** The document before the first snapshot. */
export const EMPTY_DOC = Object.freeze({ title: "", roots: [], models: {} });

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** True when `doc` has the document shape of PROTOCOL.md §3 (checked shallowly per model). */
export function isDocument(doc) {
  return (
    isObject(doc) &&
    Array.isArray(doc.roots) &&
    isObject(doc.models) &&
    Object.values(doc.models).every((m) => isObject(m) && typeof m.type === "string" && isObject(m.props))
  );
}

/** What changed from document `before` to document `after` (see the module docstring). */
export function diffDocuments(before, after) {
  const changes = { title: before.title !== after.title, roots: !deepEqual(before.roots, after.roots), added: [], removed: [], changed: new Map() };
  const oldModels = before.models ?? {};
  const newModels = after.models ?? {};
  for (const id of Object.keys(oldModels)) {
    if (!Object.hasOwn(newModels, id) || newModels[id].type !== oldModels[id].type) changes.removed.push(id);
  }
  for (const [id, model] of Object.entries(newModels)) {
    const old = Object.hasOwn(oldModels, id) ? oldModels[id] : undefined;
    if (old === undefined || old.type !== model.type) {
      changes.added.push(id);
      continue;
    }
    if (old === model) continue; // untouched by path copying (see patch.js)
    const names = new Set();
    for (const name of new Set([...Object.keys(old.props), ...Object.keys(model.props)])) {
      if (!deepEqual(old.props[name], model.props[name])) names.add(name);
    }
    if (names.size > 0) changes.changed.set(id, names);
  }
  return changes;
}

/** True when `changes` reports nothing. */
export function isEmptyChanges(changes) {
  return !changes.title && !changes.roots && changes.added.length === 0 && changes.removed.length === 0 && changes.changed.size === 0;
}

/** The JSON pointer of a model property (PROTOCOL.md §3). */
export function propPath(id, name) {
  return `/models/${escapeToken(id)}/props/${escapeToken(name)}`;
}

export class DocumentStore {
  constructor(doc = EMPTY_DOC) {
    this._doc = doc;
  }

  /** The current document. Treat it as immutable. */
  get doc() {
    return this._doc;
  }

  /** The model `{type, props}` with this id, or undefined. */
  model(id) {
    return Object.hasOwn(this._doc.models, id) ? this._doc.models[id] : undefined;
  }

  /** Replace the whole document (a `snapshot`, PROTOCOL.md §4). Throws TypeError on a bad shape. */
  replace(doc) {
    if (!isDocument(doc)) throw new TypeError("snapshot doc does not have the document shape");
    return this._commit(doc);
  }

  /**
   * Apply server ops (a `patch`, PROTOCOL.md §4). All or nothing: on failure this throws
   * (`PatchError`, or TypeError when the result is not a document) and the store is unchanged.
   */
  apply(ops) {
    const next = applyPatch(this._doc, ops);
    if (!isDocument(next)) throw new TypeError("patch result does not have the document shape");
    return this._commit(next);
  }

  /**
   * Apply a local edit optimistically (PROTOCOL.md §7) and return `{op, changes}`, where
   * `op` is the client patch op to send (§5: always a `replace` of a prop).
   */
  setProp(id, name, value) {
    const op = { op: "replace", path: propPath(id, name), value };
    return { op, changes: this.apply([op]) };
  }

  _commit(next) {
    const changes = diffDocuments(this._doc, next);
    this._doc = next;
    return changes;
  }
}

/**
 * RFC 6902 JSON Patch application, all or nothing (PROTOCOL.md §4, §5).
 *
 * `applyPatch(doc, ops)` never mutates `doc`: it returns a new document that shares every
 * untouched subtree with `doc` (path copying), so callers may compare subtrees by identity
 * to find what changed. Documents are treated as immutable values. When any op fails, a
 * `PatchError` is thrown and nothing is returned, so the caller still holds the old `doc`.
 *
 * Error tree: one class, `PatchError`, whose `code` is one of `PATCH_ERROR_CODES`.
 */

/** The closed set of `PatchError.code` values. */
export const PATCH_ERROR_CODES = Object.freeze([
  "SEQUENCE_NOT_AN_ARRAY", // ops is not an array
  "OPERATION_NOT_AN_OBJECT", // an op is not a plain object
  "OPERATION_OP_INVALID", // op.op is not one of the six RFC 6902 operations
  "OPERATION_PATH_INVALID", // path or from is not a JSON pointer string (RFC 6901 §3)
  "OPERATION_VALUE_REQUIRED", // add/replace/test without a value
  "OPERATION_PATH_UNRESOLVABLE", // the pointer names no existing location
  "OPERATION_PATH_ILLEGAL_ARRAY_INDEX", // an array index that is not a valid RFC 6901 index
  "OPERATION_VALUE_OUT_OF_BOUNDS", // an array index beyond the array
  "OPERATION_MOVE_INTO_ITSELF", // move from a location to one of its own children (§4.4)
  "TEST_OPERATION_FAILED", // a test op's value differs (§4.6)
]);

/** The only error this module throws. `index` is the failing op's position in the list. */
export class PatchError extends Error {
  constructor(code, message, { index = null, op = null } = {}) {
    super(message);
    this.name = "PatchError";
    this.code = code;
    this.index = index;
    this.op = op;
  }
}

const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
const isContainer = (v) => v !== null && typeof v === "object";

/** Parse an RFC 6901 pointer into unescaped reference tokens ("" is the whole document). */
export function parsePointer(pointer) {
  if (typeof pointer !== "string" || (pointer !== "" && pointer[0] !== "/")) {
    throw new PatchError("OPERATION_PATH_INVALID", `not a JSON pointer: ${JSON.stringify(pointer)}`);
  }
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~[^01]|~$/.test(token)) {
        throw new PatchError("OPERATION_PATH_INVALID", `bad escape in pointer ${pointer}`);
      }
      // RFC 6901 §4: ~1 first, then ~0, so "~01" becomes "~1".
      return token.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

/** Escape one reference token for use in a pointer. */
export function escapeToken(token) {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** JSON equality: key order does not matter, arrays and objects are distinct. */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => own(b, k) && deepEqual(a[k], b[k]));
}

/** A deep copy of a JSON value, so that later mutation of an op cannot reach the document. */
const cloneJson = (v) => (isContainer(v) ? structuredClone(v) : v);

/** Set a property without invoking the `__proto__` setter. */
function setOwn(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Array index for `token` in `arr` (RFC 6901 §4, RFC 6902 §4.1). `forAdd` allows "-" and
 * the index one past the end.
 */
function arrayIndex(arr, token, forAdd) {
  if (token === "-" && forAdd) return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw new PatchError("OPERATION_PATH_ILLEGAL_ARRAY_INDEX", `bad array index ${JSON.stringify(token)}`);
  }
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) {
    throw new PatchError("OPERATION_VALUE_OUT_OF_BOUNDS", `array index ${i} out of bounds`);
  }
  return i;
}

/** Read the value at `tokens`; throws OPERATION_PATH_UNRESOLVABLE when it does not exist. */
function getAt(doc, tokens) {
  let node = doc;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, false)];
    else if (isContainer(node) && own(node, token)) node = node[token];
    else throw new PatchError("OPERATION_PATH_UNRESOLVABLE", `no value at /${tokens.map(escapeToken).join("/")}`);
  }
  return node;
}

/**
 * Return a copy of `node` in which the parent of the last token has been copied and passed
 * to `edit(parentCopy, lastToken)`; every container on the way is copied, nothing else.
 */
function editParent(node, tokens, edit, depth = 0) {
  if (!isContainer(node)) {
    throw new PatchError("OPERATION_PATH_UNRESOLVABLE", `no container at /${tokens.slice(0, depth).map(escapeToken).join("/")}`);
  }
  const copy = Array.isArray(node) ? node.slice() : { ...node };
  const token = tokens[depth];
  if (depth === tokens.length - 1) {
    edit(copy, token);
    return copy;
  }
  const key = Array.isArray(node) ? arrayIndex(node, token, false) : token;
  if (!Array.isArray(node) && !own(node, key)) {
    throw new PatchError("OPERATION_PATH_UNRESOLVABLE", `no value at /${tokens.slice(0, depth + 1).map(escapeToken).join("/")}`);
  }
  const child = editParent(node[key], tokens, edit, depth + 1);
  if (Array.isArray(copy)) copy[key] = child;
  else setOwn(copy, key, child);
  return copy;
}

function addAt(doc, tokens, value) {
  if (tokens.length === 0) return value; // RFC 6902 §4.1: the target is the whole document
  return editParent(doc, tokens, (parent, token) => {
    if (Array.isArray(parent)) parent.splice(arrayIndex(parent, token, true), 0, value);
    else setOwn(parent, token, value);
  });
}

function removeAt(doc, tokens) {
  if (tokens.length === 0) {
    throw new PatchError("OPERATION_PATH_UNRESOLVABLE", "cannot remove the whole document");
  }
  return editParent(doc, tokens, (parent, token) => {
    if (Array.isArray(parent)) parent.splice(arrayIndex(parent, token, false), 1);
    else if (own(parent, token)) delete parent[token];
    else throw new PatchError("OPERATION_PATH_UNRESOLVABLE", `no value to remove at ${escapeToken(token)}`);
  });
}

function replaceAt(doc, tokens, value) {
  if (tokens.length === 0) return value;
  return editParent(doc, tokens, (parent, token) => {
    if (Array.isArray(parent)) parent[arrayIndex(parent, token, false)] = value;
    else if (own(parent, token)) setOwn(parent, token, value);
    else throw new PatchError("OPERATION_PATH_UNRESOLVABLE", `no value to replace at ${escapeToken(token)}`);
  });
}

/** One handler per RFC 6902 operation (§4.1–4.6): `(doc, op) -> newDoc`. */
const HANDLERS = {
  add: (doc, op) => addAt(doc, parsePointer(op.path), cloneJson(op.value)),
  remove: (doc, op) => removeAt(doc, parsePointer(op.path)),
  replace: (doc, op) => replaceAt(doc, parsePointer(op.path), cloneJson(op.value)),
  move: (doc, op) => {
    const from = parsePointer(op.from);
    const path = parsePointer(op.path);
    if (op.from === op.path) {
      getAt(doc, from);
      return doc;
    }
    if (path.length > from.length && from.every((t, i) => t === path[i])) {
      throw new PatchError("OPERATION_MOVE_INTO_ITSELF", `cannot move ${op.from} into ${op.path}`);
    }
    const value = getAt(doc, from);
    return addAt(removeAt(doc, from), path, value);
  },
  copy: (doc, op) => addAt(doc, parsePointer(op.path), cloneJson(getAt(doc, parsePointer(op.from)))),
  test: (doc, op) => {
    if (!deepEqual(getAt(doc, parsePointer(op.path)), op.value)) {
      throw new PatchError("TEST_OPERATION_FAILED", `test failed at ${op.path}`);
    }
    return doc;
  },
};

const NEEDS_VALUE = new Set(["add", "replace", "test"]);
const NEEDS_FROM = new Set(["move", "copy"]);

function validateOp(op) {
  if (!isContainer(op) || Array.isArray(op)) {
    throw new PatchError("OPERATION_NOT_AN_OBJECT", "an operation must be an object");
  }
  if (typeof op.op !== "string" || !own(HANDLERS, op.op)) {
    throw new PatchError("OPERATION_OP_INVALID", `unknown operation ${JSON.stringify(op.op)}`);
  }
  if (typeof op.path !== "string") {
    throw new PatchError("OPERATION_PATH_INVALID", "operation has no string path");
  }
  if (NEEDS_VALUE.has(op.op) && !own(op, "value")) {
    throw new PatchError("OPERATION_VALUE_REQUIRED", `${op.op} needs a value`);
  }
  if (NEEDS_FROM.has(op.op) && typeof op.from !== "string") {
    throw new PatchError("OPERATION_PATH_INVALID", `${op.op} needs a string from`);
  }
}

/**
 * Apply `ops` in order to `doc` and return the new document. Throws `PatchError` (with the
 * failing op's `index`) when any op fails; `doc` itself is never modified.
 */
export function applyPatch(doc, ops) {
  if (!Array.isArray(ops)) throw new PatchError("SEQUENCE_NOT_AN_ARRAY", "a patch must be an array of operations");
  let result = doc;
  ops.forEach((op, index) => {
    try {
      validateOp(op);
      result = HANDLERS[op.op](result, op);
    } catch (err) {
      if (err instanceof PatchError) {
        err.index = index;
        err.op = op;
      }
      throw err;
    }
  });
  return result;
}

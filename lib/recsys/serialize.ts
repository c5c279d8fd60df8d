/**
 * A plain binary form for fitted models, so a model cache can store factors (e.g. in a bytea column)
 * and reload without retraining. Layout: "RSYS", uint32 version, uint32 header length, a UTF-8 JSON
 * header {kind, meta, arrays: [{name, type, length, offset}]}, then each typed array 8-byte aligned,
 * little-endian (the platform order of every machine we run on; checked on read).
 * Scalars and strings of a model go to `meta`, typed arrays to `arrays`. A cosine model's rating matrix is either
 * stored as its CSR arrays plus vocabularies and rebuilt on load ('inline', self-contained), or left out and named
 * by its fingerprint ('reference': the reader hands the matrix back, as the engine does with the one it serves from;
 * at 32M ratings the inline copy is 262 MB to read and another matrix in memory).
 */
import { csrFingerprint, matrixFingerprint, matrixFromCsr, type RatingMatrix } from './matrix';

const MAGIC = 0x53595352; // "RSYS" read as little-endian uint32
const VERSION = 1;
/** A payload naming its matrix by fingerprint: a build before references must refuse it, not serve it matrixless. */
const VERSION_MATRIX_REFERENCE = 2;
const TYPES = { Float64Array, Float32Array, Int32Array, Uint8Array } as const;
type TypeName = keyof typeof TYPES;
type AnyTyped = Float64Array | Float32Array | Int32Array | Uint8Array;

interface Header {
  kind: string;
  meta: Record<string, unknown>;
  arrays: { name: string; type: TypeName; length: number; offset: number }[];
}

function isTyped(x: unknown): x is AnyTyped {
  return Object.values(TYPES).some((T) => x instanceof T);
}

export interface EncodeOptions {
  /** How a `matrix` field is written: its arrays ('inline', the default) or only its fingerprint ('reference'). */
  matrix?: 'inline' | 'reference';
}

export interface DecodeOptions {
  /**
   * The matrix the model was fitted on: required by a model written with `matrix: 'reference'` (checked against its
   * fingerprint), and used instead of an inline copy of that same matrix (one matrix in memory, not two).
   */
  matrix?: RatingMatrix;
  /** Arrays as views into `bytes` instead of copies (the caller hands `bytes` over and never writes to them). */
  views?: boolean;
}

/** The model was written without its matrix, and the matrix given back is missing or another one. */
export class MatrixMismatchError extends RangeError {}

/** Encodes any model object made of scalars, typed arrays and (at most) one `matrix: RatingMatrix`. */
export function encodeModel(model: { kind: string } & object, options: EncodeOptions = {}): Uint8Array {
  const meta: Record<string, unknown> = {};
  const arrays: [string, AnyTyped][] = [];
  for (const [key, value] of Object.entries(model)) {
    if (isTyped(value)) arrays.push([key, value]);
    else if (key === 'matrix' && options.matrix === 'reference')
      meta[MATRIX_REFERENCE] = matrixFingerprint(value as unknown as RatingMatrix);
    else if (key === 'matrix') {
      const mat = value as unknown as RatingMatrix;
      arrays.push(
        ['matrix.userIds', mat.userIds],
        ['matrix.movieIds', mat.movieIds],
        ['matrix.rowPtr', mat.rowPtr],
        ['matrix.colIdx', mat.colIdx],
        ['matrix.values', mat.values],
      );
    } else if (['number', 'string', 'boolean'].includes(typeof value)) meta[key] = value;
  }
  const header: Header = { kind: model.kind, meta, arrays: [] };
  let offset = 0;
  for (const [name, a] of arrays) {
    header.arrays.push({ name, type: a.constructor.name as TypeName, length: a.length, offset });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + json.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, MATRIX_REFERENCE in meta ? VERSION_MATRIX_REFERENCE : VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  arrays.forEach(([, a], i) =>
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + (header.arrays[i]?.offset ?? 0)),
  );
  return out;
}

/** Where a model written with `matrix: 'reference'` keeps its matrix's fingerprint (in `meta`). */
const MATRIX_REFERENCE = 'matrix.fingerprint';

/**
 * Decodes what encodeModel wrote: the model's fields (arrays copied, so aligned and independent of `bytes`, unless
 * `views`).
 */
export function decodeModel(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): { kind: string } & Record<string, unknown> {
  if (new Uint16Array(Uint8Array.of(1, 0).buffer)[0] !== 1)
    throw new RangeError('model files are little-endian; this platform is not');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || view.getUint32(0, true) !== MAGIC)
    throw new RangeError('not a serialised recsys model (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== VERSION && version !== VERSION_MATRIX_REFERENCE)
    throw new RangeError(`unsupported model version ${version}`);
  const len = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as Header;
  const start = Math.ceil((12 + len) / 8) * 8;
  const fields: Record<string, unknown> = { ...header.meta, kind: header.kind };
  const get = (name: string) => fields[name] as never;
  for (const { name, type, length, offset } of header.arrays) {
    const T = TYPES[type];
    if (!T) throw new RangeError(`unknown array type ${type}`);
    const byteLength = length * T.BYTES_PER_ELEMENT;
    if (start + offset + byteLength > bytes.length) throw new RangeError(`model truncated at array ${name}`);
    const from = bytes.byteOffset + start + offset;
    fields[name] =
      options.views && from % T.BYTES_PER_ELEMENT === 0
        ? new T(bytes.buffer as ArrayBuffer, from, length)
        : new T(bytes.slice(start + offset, start + offset + byteLength).buffer, 0, length);
  }
  if ('matrix.rowPtr' in fields) {
    const csr = [
      get('matrix.userIds'),
      get('matrix.movieIds'),
      get('matrix.rowPtr'),
      get('matrix.colIdx'),
      get('matrix.values'),
    ] as const;
    // Given the very matrix the copy holds (a model stored before references existed): one matrix in memory.
    fields.matrix =
      options.matrix && matrixFingerprint(options.matrix) === csrFingerprint(...csr)
        ? options.matrix
        : matrixFromCsr(...csr);
    for (const key of Object.keys(fields)) if (key.startsWith('matrix.')) delete fields[key];
  } else if (MATRIX_REFERENCE in fields) {
    const expected = fields[MATRIX_REFERENCE] as string;
    if (!options.matrix)
      throw new MatrixMismatchError(
        `this ${header.kind} model was stored without its rating matrix: pass it`,
      );
    const actual = matrixFingerprint(options.matrix);
    if (actual !== expected)
      throw new MatrixMismatchError(
        `this ${header.kind} model was fitted on another rating matrix (${expected}, given ${actual})`,
      );
    fields.matrix = options.matrix;
    delete fields[MATRIX_REFERENCE];
  }
  return fields as { kind: string } & Record<string, unknown>;
}

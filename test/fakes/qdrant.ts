// A fake Qdrant REST server for the endpoints the knowledge store uses, with Qdrant's
// wire format: `{result, status: "ok", time}` envelopes, errors as
// `{status: {error}, time}` with Qdrant's codes and texts (400 "Format error in JSON body: …"
// for a body that does not match the schema, 404 "Not found: Collection `x` doesn't
// exist!", 409 "… already exists!"). EVERY request is validated against Qdrant's
// published OpenAPI schema (test/fixtures/qdrant/), and every 200 answer too (a fake
// answer that drifts from the spec is recorded in `answerErrors` and sent as a 500).
// Semantics implemented: named dense vectors (Cosine: stored normalized), named sparse
// vectors (dot product over shared indices), payload filters (must/should/must_not with
// match value/any/except, has_id, nested filters), upsert, delete by ids or filter,
// query/batch. Faults: `failNext` answers an HTTP error, `dropNext` cuts the connection.
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody, type FakeServer } from "./http.js";
import { describeErrors, operations, subset } from "../fixtures/qdrant/schema.js";

type Json = Record<string, unknown>;

export interface QdrantRequest {
  operation: string;
  method: string;
  path: string;
  /** The `api-key` header, if sent. */
  apiKey: string | undefined;
  params: Json;
  body: unknown;
  status: number;
  response: unknown;
}

interface Point {
  id: string | number;
  version: number;
  dense: Map<string, number[]>;
  sparse: Map<string, Map<number, number>>;
  payload: Json;
}

interface Collection {
  config: Json;
  payloadIndexes: Map<string, Json>;
  points: Map<string, Point>;
}

export interface FakeQdrant extends FakeServer {
  requests: QdrantRequest[];
  collections: Map<string, Collection>;
  /** 200 answers of the fake that did not match the spec (should stay empty). */
  answerErrors: string[];
  /** The next `times` requests (of `operations`, if given) answer `status` with a Qdrant error body. */
  failNext(opts: { status: number; times?: number; operations?: string[]; error?: string }): void;
  /** The next `times` requests get their connection destroyed without an answer. */
  dropNext(times?: number): void;
  /** The next request is answered only after `ms` (a slow or hung server). */
  delayNext(ms: number): void;
  /** Points of a collection whose payload has tenant_id = tenantId. */
  pointsOf(collection: string, tenantId: string): Point[];
}

class QdrantHttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const notFound = (name: string) => new QdrantHttpError(404, `Not found: Collection \`${name}\` doesn't exist!`);

function pointKey(id: unknown): string {
  return typeof id === "string" ? id.toLowerCase() : String(id);
}

function normalize(v: number[]): number[] {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return n > 0 ? v.map((x) => x / n) : v;
}

// ---- filters ---------------------------------------------------------------------------

function asList(c: unknown): unknown[] {
  if (c === undefined || c === null) return [];
  return Array.isArray(c) ? c : [c];
}

function matches(point: Point, filter: Json): boolean {
  const must = asList(filter.must);
  const should = asList(filter.should);
  const mustNot = asList(filter.must_not);
  if (!must.every((c) => condition(point, c as Json))) return false;
  if (mustNot.some((c) => condition(point, c as Json))) return false;
  if (should.length && !should.some((c) => condition(point, c as Json))) return false;
  return true;
}

function condition(point: Point, c: Json): boolean {
  if ("must" in c || "should" in c || "must_not" in c) return matches(point, c);
  if ("has_id" in c) return (c.has_id as unknown[]).some((id) => pointKey(id) === pointKey(point.id));
  if ("key" in c && "match" in c) {
    const value = point.payload[c.key as string];
    const values = Array.isArray(value) ? value : [value];
    const m = c.match as Json;
    if ("value" in m) return values.some((v) => v === m.value);
    if ("any" in m) return values.some((v) => (m.any as unknown[]).includes(v));
    if ("except" in m) return values.every((v) => !(m.except as unknown[]).includes(v));
  }
  throw new QdrantHttpError(501, `fake Qdrant does not implement filter condition ${JSON.stringify(c)}`);
}

// ---- operations ------------------------------------------------------------------------

function collectionInfo(c: Collection): Json {
  const create = c.config;
  const hnsw = (create.hnsw_config ?? {}) as Json;
  return {
    status: "green",
    optimizer_status: "ok",
    indexed_vectors_count: 0,
    points_count: c.points.size,
    segments_count: 1,
    config: {
      params: {
        vectors: create.vectors,
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
        ...(create.sparse_vectors ? { sparse_vectors: create.sparse_vectors } : {}),
      },
      hnsw_config: { m: hnsw.m ?? 16, ef_construct: 100, full_scan_threshold: 10000, max_indexing_threads: 0, on_disk: false, ...(hnsw.payload_m !== undefined ? { payload_m: hnsw.payload_m } : {}) },
      optimizer_config: { deleted_threshold: 0.2, vacuum_min_vector_number: 1000, default_segment_number: 0, max_segment_size: null, memmap_threshold: null, indexing_threshold: 10000, flush_interval_sec: 5, max_optimization_threads: null },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
      quantization_config: null,
      metadata: create.metadata ?? {},
    },
    payload_schema: Object.fromEntries(
      [...c.payloadIndexes].map(([field, params]) => [
        field,
        { data_type: params.type, params, points: [...c.points.values()].filter((p) => p.payload[field] !== undefined).length },
      ]),
    ),
  };
}

function insertPoint(c: Collection, raw: Json, version: number): Point {
  const vectors = (c.config.vectors ?? {}) as Record<string, { size: number; distance: string }>;
  const sparseConfig = (c.config.sparse_vectors ?? {}) as Record<string, unknown>;
  const given = raw.vector;
  if (!given || typeof given !== "object" || Array.isArray(given)) {
    throw new QdrantHttpError(400, "Wrong input: Not existing vector name error: ");
  }
  const point: Point = { id: raw.id as string | number, version, dense: new Map(), sparse: new Map(), payload: (raw.payload ?? {}) as Json };
  for (const [vname, v] of Object.entries(given as Json)) {
    if (Array.isArray(v)) {
      const cfg = vectors[vname];
      if (!cfg) throw new QdrantHttpError(400, `Wrong input: Not existing vector name error: ${vname}`);
      if (v.length !== cfg.size) throw new QdrantHttpError(400, `Wrong input: Vector dimension error: expected dim: ${cfg.size}, got ${v.length}`);
      point.dense.set(vname, cfg.distance === "Cosine" ? normalize(v as number[]) : (v as number[]));
    } else {
      const s = v as { indices: number[]; values: number[] };
      if (!sparseConfig[vname]) throw new QdrantHttpError(400, `Wrong input: Not existing vector name error: ${vname}`);
      if (s.indices.length !== s.values.length) {
        throw new QdrantHttpError(422, `Validation error in JSON body: [points[].vector.${vname}: must be the same length as indices]`);
      }
      if (new Set(s.indices).size !== s.indices.length) {
        throw new QdrantHttpError(422, `Validation error in JSON body: [points[].vector.${vname}: indices must be unique]`);
      }
      point.sparse.set(vname, new Map(s.indices.map((i, k) => [i, s.values[k]!])));
    }
  }
  return point;
}

function vectorOut(p: Point, withVector: unknown): Json | undefined {
  if (!withVector) return undefined;
  const names = withVector === true ? [...p.dense.keys(), ...p.sparse.keys()] : (withVector as string[]);
  const out: Json = {};
  for (const n of names) {
    const d = p.dense.get(n);
    const s = p.sparse.get(n);
    if (d) out[n] = d;
    else if (s) out[n] = { indices: [...s.keys()], values: [...s.values()] };
  }
  return out;
}

function runQuery(c: Collection, q: Json): Json {
  for (const unsupported of ["prefetch", "lookup_from", "group_by", "order_by"]) {
    if (q[unsupported] !== undefined && q[unsupported] !== null) throw new QdrantHttpError(501, `fake Qdrant does not implement query.${unsupported}`);
  }
  let query = q.query as unknown;
  if (query && typeof query === "object" && !Array.isArray(query) && "nearest" in (query as Json)) query = (query as Json).nearest;
  const using = (q.using as string | undefined) ?? "";
  const limit = (q.limit as number | undefined) ?? 10;
  const filter = (q.filter ?? null) as Json | null;
  const candidates = [...c.points.values()].filter((p) => !filter || matches(p, filter));
  let scored: Array<{ p: Point; score: number }>;
  if (Array.isArray(query)) {
    const cfg = ((c.config.vectors ?? {}) as Record<string, { size: number; distance: string }>)[using];
    if (!cfg) throw new QdrantHttpError(400, `Wrong input: Not existing vector name error: ${using}`);
    if (query.length !== cfg.size) throw new QdrantHttpError(400, `Wrong input: Vector dimension error: expected dim: ${cfg.size}, got ${query.length}`);
    const qv = cfg.distance === "Cosine" ? normalize(query as number[]) : (query as number[]);
    scored = candidates
      .filter((p) => p.dense.has(using))
      .map((p) => ({ p, score: p.dense.get(using)!.reduce((s, x, i) => s + x * qv[i]!, 0) }));
  } else if (query && typeof query === "object" && "indices" in (query as Json)) {
    if (!((c.config.sparse_vectors ?? {}) as Json)[using]) throw new QdrantHttpError(400, `Wrong input: Not existing vector name error: ${using}`);
    const s = query as { indices: number[]; values: number[] };
    scored = [];
    for (const p of candidates) {
      const doc = p.sparse.get(using);
      if (!doc) continue;
      let score = 0;
      let shared = false;
      s.indices.forEach((i, k) => {
        const v = doc.get(i);
        if (v !== undefined) {
          shared = true;
          score += v * s.values[k]!;
        }
      });
      if (shared) scored.push({ p, score });
    }
  } else {
    throw new QdrantHttpError(501, `fake Qdrant does not implement this query: ${JSON.stringify(query)?.slice(0, 100)}`);
  }
  const threshold = q.score_threshold as number | undefined;
  const points = scored
    .filter((x) => threshold === undefined || x.score >= threshold)
    .sort((a, b) => b.score - a.score || (pointKey(a.p.id) < pointKey(b.p.id) ? -1 : 1))
    .slice((q.offset as number | undefined) ?? 0, ((q.offset as number | undefined) ?? 0) + limit)
    .map(({ p, score }) => {
      const vector = vectorOut(p, q.with_vector);
      return { id: p.id, version: p.version, score, ...(q.with_payload ? { payload: p.payload } : {}), ...(vector ? { vector } : {}) };
    });
  return { points };
}

// ---- server ----------------------------------------------------------------------------

export async function startFakeQdrant(): Promise<FakeQdrant> {
  const requests: QdrantRequest[] = [];
  const collections = new Map<string, Collection>();
  const answerErrors: string[] = [];
  const faults: Array<{ status: number; operations?: string[]; error?: string; drop?: boolean; delayMs?: number }> = [];
  let version = 0;

  const need = (name: string): Collection => {
    const c = collections.get(name);
    if (!c) throw notFound(name);
    return c;
  };
  const updated = (params: Json): Json => ({ operation_id: ++version, status: params.wait === true ? "completed" : "acknowledged" });

  const handlers: Record<string, (name: string, params: Json, body: Json) => unknown> = {
    get_collection: (name) => collectionInfo(need(name)),
    create_collection: (name, _params, body) => {
      if (collections.has(name)) throw new QdrantHttpError(409, `Wrong input: Collection \`${name}\` already exists!`);
      collections.set(name, { config: body, payloadIndexes: new Map(), points: new Map() });
      return true;
    },
    create_field_index: (name, params, body) => {
      const c = need(name);
      const schema = body.field_schema;
      c.payloadIndexes.set(body.field_name as string, typeof schema === "string" ? { type: schema } : (schema as Json));
      return updated(params);
    },
    upsert_points: (name, params, body) => {
      const c = need(name);
      if (!Array.isArray(body.points)) throw new QdrantHttpError(501, "fake Qdrant does not implement batch upserts");
      const points = (body.points as Json[]).map((raw) => insertPoint(c, raw, version + 1));
      for (const p of points) c.points.set(pointKey(p.id), p);
      return updated(params);
    },
    delete_points: (name, params, body) => {
      const c = need(name);
      if (Array.isArray(body.points)) for (const id of body.points) c.points.delete(pointKey(id));
      else if (body.filter) for (const [k, p] of c.points) if (matches(p, body.filter as Json)) c.points.delete(k);
      return updated(params);
    },
    query_batch_points: (name, _params, body) => {
      const c = need(name);
      return (body.searches as Json[]).map((q) => runQuery(c, q));
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const apiKey = typeof req.headers["api-key"] === "string" ? req.headers["api-key"] : undefined;
    const captured: QdrantRequest = { operation: "", method: req.method ?? "", path: url.pathname, apiKey, params: {}, body: undefined, status: 0, response: undefined };
    requests.push(captured);
    const time = () => Number(process.hrtime.bigint() - started) / 1e9;
    const fail = (status: number, error: string) => answerJson(res, captured, { status, body: { status: { error }, time: time() } });

    const route = operations.map((op) => ({ op, m: op.method === req.method ? op.pathRe.exec(url.pathname) : null })).find((r) => r.m);
    if (!route) return fail(404, `Not found: ${req.method} ${url.pathname}`);
    const { op, m } = route;
    captured.operation = op.id;

    const params: Json = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(Object.entries(m!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])) };
    if (!op.params(params)) return fail(400, `Query deserialize error: ${describeErrors(op.params.errors)}`);
    captured.params = params;

    let body: unknown;
    if (op.body) {
      try {
        body = JSON.parse(raw);
      } catch (err) {
        return fail(400, `Format error in JSON body: ${(err as Error).message}`);
      }
      captured.body = body;
      if (!op.body(body)) return fail(400, `Format error in JSON body: ${describeErrors(op.body.errors)}`);
    }

    const fault = faults.findIndex((f) => !f.operations || f.operations.includes(op.id));
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1);
      if (f!.delayMs !== undefined) await server.sleep(f!.delayMs);
      else if (f!.drop) {
        captured.status = -1;
        req.socket.destroy();
        return;
      }
      else return fail(f!.status, f!.error ?? "Service Unavailable: injected by the test");
    }

    let result: unknown;
    try {
      result = handlers[op.id]!(params.collection_name as string, params, (body ?? {}) as Json);
    } catch (err) {
      if (err instanceof QdrantHttpError) return fail(err.status, err.message);
      throw err;
    }
    const envelope = { result, status: "ok", time: time() };
    if (op.ok && !op.ok(envelope)) {
      answerErrors.push(`${op.id}: ${describeErrors(op.ok.errors)}`);
      return fail(500, `fake answer does not match the spec (${subset.source}): ${describeErrors(op.ok.errors)}`);
    }
    answerJson(res, captured, { status: 200, body: envelope });
  }

  const server = await listen(handle);
  return {
    ...server,
    requests,
    collections,
    answerErrors,
    failNext: ({ status, times = 1, operations: ops, error }) => {
      for (let i = 0; i < times; i++) faults.push({ status, ...(ops ? { operations: ops } : {}), ...(error ? { error } : {}) });
    },
    delayNext: (ms) => {
      faults.push({ status: 200, delayMs: ms });
    },
    dropNext: (times = 1) => {
      for (let i = 0; i < times; i++) faults.push({ status: 0, drop: true });
    },
    pointsOf: (collection, tenantId) => [...(collections.get(collection)?.points.values() ?? [])].filter((p) => p.payload.tenant_id === tenantId),
  };
}

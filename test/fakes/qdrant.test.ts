// The fake Qdrant holds requests to Qdrant's published OpenAPI schema and answers in
// Qdrant's wire format, so a store bug that real Qdrant would reject fails here too.
import { QdrantClient } from "@qdrant/js-client-rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeQdrant, type FakeQdrant } from "./qdrant.js";
import { toJsonSchema } from "../fixtures/qdrant/schema.js";

describe("fake Qdrant", () => {
  let fake: FakeQdrant;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${fake.baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { result?: unknown; status: unknown; time: number } };
  };

  beforeAll(async () => {
    fake = await startFakeQdrant();
    const created = await call("PUT", "/collections/c1", {
      vectors: { dense: { size: 3, distance: "Cosine" } },
      sparse_vectors: { bm25: {} },
      hnsw_config: { m: 0, payload_m: 16 },
      quantization_config: null,
    });
    expect(created).toMatchObject({ status: 200, body: { result: true, status: "ok" } });
  });
  afterAll(() => fake.close());

  it("rejects a body that does not match the schema with 400 and a status error, as Qdrant does", async () => {
    const bad = await call("PUT", "/collections/c1/points?wait=true", { points: [{ id: "not-a-uuid", vector: { dense: [1, 0, 0] } }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: { error: expect.stringMatching(/^Format error in JSON body: .*\/points\/0\/id/) } });
    expect(typeof bad.body.time).toBe("number");
    expect(bad.body).not.toHaveProperty("result");

    const missing = await call("POST", "/collections/c1/points/query/batch", { queries: [] });
    expect(missing).toMatchObject({ status: 400, body: { status: { error: expect.stringMatching(/searches/) } } });
    const negative = await call("POST", "/collections/c1/points/query/batch", { searches: [{ query: [1, 0, 0], using: "dense", limit: -1 }] });
    expect(negative.status).toBe(400);
    const notJson = await call("PUT", "/collections/c1/points", "{points: [");
    expect(notJson).toMatchObject({ status: 400, body: { status: { error: expect.stringMatching(/^Format error in JSON body/) } } });
    const badQuery = await call("PUT", "/collections/c1/points?wait=maybe", { points: [] });
    expect(badQuery).toMatchObject({ status: 400, body: { status: { error: expect.stringMatching(/^Query deserialize error/) } } });
  });

  it("the official client sees those errors as Qdrant's: status and status.error", async () => {
    const client = new QdrantClient({ url: fake.baseUrl, checkCompatibility: false });
    const err = await client
      .upsert("c1", { wait: true, points: [{ id: -5, vector: { dense: [1, 0, 0] } }] })
      .then(() => null, (e: unknown) => e as { status: number; data: { status: { error: string } } });
    expect(err?.status).toBe(400);
    expect(err?.data.status.error).toMatch(/Format error in JSON body/);
    const gone = await client.getCollection("nope").then(() => null, (e: unknown) => e as { status: number; data: { status: { error: string } } });
    expect(gone?.status).toBe(404);
    expect(gone?.data.status.error).toBe("Not found: Collection `nope` doesn't exist!");
  });

  it("answers 409 for an existing collection and checks vector names and dimensions", async () => {
    expect((await call("PUT", "/collections/c1", { vectors: { size: 3, distance: "Cosine" } })).status).toBe(409);
    const dim = await call("PUT", "/collections/c1/points?wait=true", { points: [{ id: 1, vector: { dense: [1, 0] } }] });
    expect(dim).toMatchObject({ status: 400, body: { status: { error: "Wrong input: Vector dimension error: expected dim: 3, got 2" } } });
    const name = await call("PUT", "/collections/c1/points?wait=true", { points: [{ id: 1, vector: { other: [1, 0, 0] } }] });
    expect(name.body.status).toEqual({ error: "Wrong input: Not existing vector name error: other" });
  });

  it("filters, scores and deletes with Qdrant's semantics, in schema-valid answers", async () => {
    const up = await call("PUT", "/collections/c1/points?wait=true", {
      points: [
        { id: "0b0e4c6e-1f2a-4c8e-9f00-000000000001", vector: { dense: [1, 0, 0], bm25: { indices: [7], values: [2] } }, payload: { tenant_id: "a" } },
        { id: "0b0e4c6e-1f2a-4c8e-9f00-000000000002", vector: { dense: [0, 2, 0], bm25: { indices: [8], values: [1] } }, payload: { tenant_id: "b" } },
      ],
    });
    expect(up).toMatchObject({ status: 200, body: { result: { status: "completed" }, status: "ok" } });
    const q = await call("POST", "/collections/c1/points/query/batch", {
      searches: [
        { query: [0, 1, 0], using: "dense", limit: 5, with_payload: true, filter: { must: [{ key: "tenant_id", match: { value: "b" } }] } },
        { query: { indices: [7, 8], values: [1, 1] }, using: "bm25", limit: 5, with_vector: ["bm25"] },
      ],
    });
    const [dense, sparse] = q.body.result as Array<{ points: Array<{ id: string; score: number; payload?: object; vector?: object }> }>;
    expect(dense!.points).toEqual([{ id: "0b0e4c6e-1f2a-4c8e-9f00-000000000002", version: expect.any(Number), score: 1, payload: { tenant_id: "b" } }]);
    expect(sparse!.points.map((p) => [p.score, p.vector])).toEqual([[2, { bm25: { indices: [7], values: [2] } }], [1, { bm25: { indices: [8], values: [1] } }]]);
    await call("POST", "/collections/c1/points/delete?wait=true", { filter: { must: [{ key: "tenant_id", match: { any: ["a"] } }] } });
    expect(fake.pointsOf("c1", "a")).toHaveLength(0);
    expect(fake.pointsOf("c1", "b")).toHaveLength(1);
    expect(fake.answerErrors).toEqual([]);
  });

  it("turns OpenAPI 3.0 nullable into JSON Schema null", () => {
    expect(toJsonSchema({ type: "integer", format: "uint", nullable: true })).toEqual({ type: ["integer", "null"], format: "uint" });
    expect(toJsonSchema({ anyOf: [{ $ref: "#/components/schemas/X" }, { nullable: true }] })).toEqual({
      anyOf: [{ $ref: "qdrant-openapi#/definitions/X" }, { type: "null" }],
    });
    expect(toJsonSchema({ type: "string", enum: ["a"], nullable: true })).toEqual({ type: ["string", "null"], enum: ["a", null] });
  });
});

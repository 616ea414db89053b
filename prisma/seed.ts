// Seeds the demo business (idempotent): the Glow Studio salon, its knowledge, and its web
// chat channel so `npm start` has someone to talk to with no configuration at all.
import { loadConfig } from "../core/config.js";
import { parseKey } from "../core/crypto.js";
import { createDb, createSql } from "../core/db.js";
import { TenantRepo } from "../core/repos/tenants.js";
import { DEMO_KNOWLEDGE, DEMO_TENANT } from "../knowledge/demo/salon.js";
import { LocalHashEmbedder } from "../knowledge/embedder/local.js";
import { EmbeddedKnowledgeStore } from "../knowledge/store/embedded.js";
import { seedDemoCalendar } from "./seed-calendar.js";

export async function seedDemo(databaseUrl: string, credentialsKey: string): Promise<{ tenantId: string; added: number }> {
  const db = createDb(databaseUrl, 2);
  const sql = createSql(databaseUrl, 2);
  try {
    const tenants = new TenantRepo(db, parseKey(credentialsKey));
    const tenant =
      (await tenants.findBySlug(DEMO_TENANT.slug)) ??
      (await tenants.create({
        slug: DEMO_TENANT.slug, name: DEMO_TENANT.name, timezone: DEMO_TENANT.timezone, locale: DEMO_TENANT.locale,
        currency: DEMO_TENANT.currency, helpText: DEMO_TENANT.helpText,
      }));
    await tenants.upsertChannelAccount(tenant.id, { channel: "web", externalId: DEMO_TENANT.slug, displayName: DEMO_TENANT.name });
    const store = new EmbeddedKnowledgeStore(db, new LocalHashEmbedder());
    // Seed entries follow the demo data: one that changed (content, title or tags) is
    // replaced; one no longer in the data is removed. Entries added by people are kept.
    const same = (a: { title: string; content: string; tags?: string[] }, b: typeof a) =>
      a.title === b.title && a.content === b.content && (a.tags ?? []).join("|") === (b.tags ?? []).join("|");
    const existing = (await store.listEntries(tenant.id, { limit: 1000 })).filter((e) => e.source === "seed");
    for (const e of existing) if (!DEMO_KNOWLEDGE.some((d) => same(d, e))) await store.deleteEntry(tenant.id, e.id);
    let added = 0;
    for (const entry of DEMO_KNOWLEDGE) {
      const { created } = await store.addEntry(tenant.id, { ...entry, source: "seed" });
      if (created) added++;
    }
    // bookable services, two stylists, weekly hours and a holiday (prisma/seed-calendar.ts)
    await seedDemoCalendar(sql, parseKey(credentialsKey), tenant.id);
    return { tenantId: tenant.id, added };
  } finally {
    await db.$disconnect();
    await sql.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const { tenantId, added } = await seedDemo(config.DATABASE_URL, config.CREDENTIALS_KEY);
  console.log(`demo tenant ${DEMO_TENANT.slug} (${tenantId}): ${added} knowledge entries added`);
}

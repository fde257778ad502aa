/**
 * The sandbox: Zoho CRM v7, Zoho Inventory v1 and the Zoho OAuth token endpoint simulated on the
 * service's own port, on only with {@code sync.sandbox.enabled=true}. The demo and every test run
 * against it, so it refuses what Zoho refuses, with Zoho's status codes and error shapes
 * (reference/zoho-api.md, section 4): anything that works here should work against Zoho.
 *
 * <p>URLs: {@code POST /sandbox/accounts/oauth/v2/token}; {@code /sandbox/crm/v7/...} (records,
 * deleted, search, related lists, custom views, settings/fields, actions/watch);
 * {@code /sandbox/inventory/v1/...}; {@code /sandbox/_admin/...} (reset, seed-demo, generate, knobs,
 * stats, stats/reset, expire-tokens, token, clock/advance, counts, crm/{module}/{id} with merge and
 * purge, crm/{module}/fields, crm/notifications, inventory/contacts, inventory/items with
 * active/inactive and adjust, inventory/{module}/fields). In-JVM tests use
 * {@link io.crminventorysync.sandbox.SandboxAdmin}. Outgoing callbacks (CRM notifications, the
 * Inventory workflow webhook) leave from the sandbox's own threads ({@link io.crminventorysync.sandbox.SandboxCallbacks}).
 *
 * <p>Where the reference marks Zoho's answer UNCONFIRMED, the sandbox picks the stricter or the
 * observed one and says so where it decides: per_page above 200 is refused (LIMIT_EXCEEDED); page
 * 11 and record 2,001 both need a page token; a bad client is {@code invalid_client}, a bad refresh
 * token {@code invalid_code} (both HTTP 200); a missing organization_id is code 2, a foreign one
 * 6041; the Inventory per-minute 429 is code 44; a duplicate SKU is code 1001; no Retry-After
 * header unless the retryAfterSeconds knob asks for one; deleting an account deletes its contacts;
 * reading a deleted CRM record answers 204 as for an unknown id; a write of CRM records costs one
 * credit per ten records; the callbacks' operations are insert, update and delete, each tried once;
 * an undeclared Inventory custom field is refused with code 4.
 *
 * <p>The Inventory per-minute budget and the CRM concurrency limit default to
 * {@code sync.inventory.requests-per-minute} and {@code sync.crm.max-concurrent-calls}: the service's
 * settings describe the real organization and edition, so the sandbox enforces the same numbers.
 */
package io.crminventorysync.sandbox;

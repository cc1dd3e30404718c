import { describe, expect, it } from "vitest";
import { getAdapter } from "./index";
import { pipedriveAdapter, pipedriveDedupeKey } from "./pipedrive";
import * as examples from "./fixtures/pipedrive-v2-examples";

const context = { now: new Date("2026-11-25T10:00:05Z") };

function normalize(body: unknown) {
  return pipedriveAdapter.normalize(JSON.parse(JSON.stringify(body)), context);
}

function event(body: unknown) {
  const result = normalize(body);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result;
}

describe("pipedriveAdapter on Pipedrive's documented v2 examples", () => {
  it("maps a created deal: value → amount, stage_id → stage as a string, numeric owner_id as a string", () => {
    const { event: created } = event(examples.createDeal);
    expect(created).toMatchObject({
      type: "deal.created",
      occurredAt: "2022-11-24T13:18:56.089Z",
      entity: { type: "deal", id: "8", data: { title: "Sample Org deal", amount: 100, value: 100, currency: "EUR", stage: "2", stage_id: 2, status: "open", owner_id: "12415231" } },
      previous: null,
      actor: { type: "user", id: "12415231" },
      causation: null,
    });
  });

  it("keeps an update's previous as sent (only the changed fields)", () => {
    const { event: updated } = event(examples.updateDeal);
    expect(updated.type).toBe("deal.updated");
    expect(updated.previous).toEqual({ custom_fields: { "3d0fa3429dfa2d3dec265b4fc5dc8258ab66cdf3": null } });
    expect(updated.entity.data.custom_fields).toEqual(examples.updateDeal.data.custom_fields);
  });

  it("maps a delete: data is null, the last state (previous) becomes the entity's data", () => {
    const { event: deleted } = event(examples.deleteDeal);
    expect(deleted).toMatchObject({ type: "deal.deleted", entity: { id: "8", data: { title: "Sample Org deal", amount: 100, stage: "2" } }, previous: null });
  });

  it("maps persons to contacts, organizations, and activities with type / done / due_date / deal_id", () => {
    expect(event(examples.createPerson).event).toMatchObject({ type: "contact.created", entity: { type: "contact", id: "8", data: { name: "Sample", owner_id: "12415231", email: null, phone: null } } });
    expect(event(examples.updatePerson).event).toMatchObject({ type: "contact.updated", previous: { name: "Sample", first_name: "Sample" } });
    expect(event(examples.deletePerson).event).toMatchObject({ type: "contact.deleted", entity: { data: { name: "Sample Person" } } });
    expect(event(examples.updateOrganization).event).toMatchObject({ type: "organization.updated", entity: { type: "organization", id: "1", data: { name: "Sample Org" } } });
    expect(event(examples.createActivity).event).toMatchObject({
      type: "activity.created",
      entity: { type: "activity", id: "2", data: { type: "meeting", done: false, due_date: "2022-11-24", deal_id: "10", subject: "Call with friends", owner_id: "12415231" } },
    });
    expect(event(examples.updateActivity).event).toMatchObject({ type: "activity.updated", previous: { subject: "Call with friends" } });
    expect(event(examples.deleteActivity).event.type).toBe("activity.deleted");
  });

  it("maps the changed fields of previous under our names too", () => {
    const body = { ...examples.updateDeal, previous: { stage_id: 1, value: 50, owner_id: 7, update_time: "2022-11-24T15:10:00Z" } };
    expect(event(body).event.previous).toEqual({ stage_id: 1, stage: "1", value: 50, amount: 50, owner_id: "7", update_time: "2022-11-24T15:10:00Z" });
  });

  it("takes the primary email and phone of a person", () => {
    const body = { ...examples.createPerson, data: { ...examples.createPerson.data, emails: [{ value: "b@x.test", primary: false }, { value: "a@x.test", primary: true }], phones: [{ value: "+1 555", primary: true }] } };
    expect(event(body).event.entity.data).toMatchObject({ email: "a@x.test", phone: "+1 555" });
  });

  it("reads meta.timestamp as Unix seconds too (number or digits)", () => {
    const seconds = { ...examples.createDeal, meta: { ...examples.createDeal.meta, timestamp: 1669304542 } };
    expect(event(seconds).event.occurredAt).toBe("2022-11-24T15:42:22.000Z");
    const digits = { ...examples.createDeal, meta: { ...examples.createDeal.meta, timestamp: "1669304542" } };
    expect(event(digits).event.occurredAt).toBe("2022-11-24T15:42:22.000Z");
  });

  it("is what getAdapter('pipedrive') returns", () => {
    expect(getAdapter("pipedrive")).toBe(pipedriveAdapter);
  });
});

describe("the Pipedrive idempotency key", () => {
  it("is the same for a retry (attempt and webhook ids differ) and differs between changes", () => {
    const key = event(examples.updateDeal).dedupeKey;
    const retry = { ...examples.updateDeal, meta: { ...examples.updateDeal.meta, attempt: 3, webhook_id: "999", webhook_owner_id: "1" } };
    expect(event(retry).dedupeKey).toBe(key);
    // Key order does not matter.
    const reordered = { previous: examples.updateDeal.previous, meta: Object.fromEntries(Object.entries(examples.updateDeal.meta).toReversed()), data: examples.updateDeal.data };
    expect(event(reordered).dedupeKey).toBe(key);
    const later = { ...examples.updateDeal, data: { ...examples.updateDeal.data, update_time: "2022-11-24T15:12:00Z" } };
    expect(event(later).dedupeKey).not.toBe(key);
    const otherEvent = { ...examples.updateDeal, meta: { ...examples.updateDeal.meta, timestamp: "2022-11-24T15:12:00.000Z" } };
    expect(event(otherEvent).dedupeKey).not.toBe(key);
    expect(key).toMatch(/^pipedrive:deal:8:[0-9a-f]{64}$/);
  });

  it("does not take meta.id for an event id: the same meta.id with another update_time is another event", () => {
    const a = { meta: { action: "change", entity: "deal", entity_id: "8", id: "8", timestamp: 1669304542 }, data: { update_time: "2022-11-24T15:42:22Z" } };
    const b = { ...a, data: { update_time: "2022-11-24T15:42:23Z" } };
    expect(pipedriveDedupeKey(a, "8")).not.toBe(pipedriveDedupeKey(b, "8"));
  });
});

describe("pipedriveAdapter rejections", () => {
  it.each<[string, unknown, [string, string][]]>([
    ["a note (documented, not mapped)", examples.createNote, [["meta.entity", "meta.entity “note” is not supported: subscribe this webhook to deal, person, organization or activity"]]],
    ["a user (documented, not mapped)", examples.updateUser, [["meta.entity", "meta.entity “user” is not supported: subscribe this webhook to deal, person, organization or activity"]]],
    ["a v1 action", { ...examples.createDeal, meta: { ...examples.createDeal.meta, action: "added" } }, [["meta.action", "meta.action “added” is a Pipedrive webhooks v1 action: create the webhook with version 2.0"]]],
    ["an unknown action", { ...examples.createDeal, meta: { ...examples.createDeal.meta, action: "explode" } }, [["meta.action", "meta.action “explode” is not supported: create, change or delete"]]],
    ["no meta", { data: {} }, [["meta", "meta is required: is this a Pipedrive webhook?"]]],
    ["a change without data", { ...examples.updateDeal, data: null }, [["data", "data is required for change"]]],
    ["a delete without previous", { ...examples.deleteDeal, previous: null }, [["previous", "previous is required for delete"]]],
    ["an unreadable timestamp", { ...examples.createDeal, meta: { ...examples.createDeal.meta, timestamp: "soon" } }, [["meta.timestamp", "meta.timestamp must be Unix seconds or an ISO 8601 date-time"]]],
    ["a timestamp in the future", { ...examples.createDeal, meta: { ...examples.createDeal.meta, timestamp: "2027-01-01T00:00:00Z" } }, [["meta.timestamp", "meta.timestamp must not be more than 5 minutes after the event was received"]]],
    ["no entity id", { ...examples.createDeal, meta: { ...examples.createDeal.meta, entity_id: undefined }, data: { ...examples.createDeal.data, id: undefined } }, [["meta.entity_id", "meta.entity_id is required"]]],
  ])("rejects %s", (_, body, issues) => {
    const result = normalize(body);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => [issue.path, issue.message])).toEqual(issues);
  });
});

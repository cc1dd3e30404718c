import { describe, expect, it } from "vitest";
import { WebhookRejection } from "./rejection";
import { basicAuthorization, readBasicCredentials, verifyBasic } from "./verify-basic";

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof WebhookRejection ? error.reason : String(error);
  }
}

const headers = (authorization?: string) => new Headers(authorization ? { authorization } : {});

describe("verifyBasic", () => {
  it("accepts the user name with the current or the previous password", () => {
    expect(reason(() => verifyBasic(headers(basicAuthorization("pipedrive-1", "pw-new")), "pipedrive-1", ["pw-new", "pw-old"]))).toBeUndefined();
    expect(reason(() => verifyBasic(headers(basicAuthorization("pipedrive-1", "pw-old")), "pipedrive-1", ["pw-new", "pw-old"]))).toBeUndefined();
    // A password may contain colons: only the first one separates the user name.
    expect(reason(() => verifyBasic(headers(basicAuthorization("u", "a:b:c")), "u", ["a:b:c"]))).toBeUndefined();
  });

  it.each<[string, string | undefined, string]>([
    ["no header", undefined, "missing_basic_credentials"],
    ["a bearer token", "Bearer pw", "missing_basic_credentials"],
    ["not base64", "Basic ***", "missing_basic_credentials"],
    ["no colon", `Basic ${Buffer.from("pipedrive-1").toString("base64")}`, "missing_basic_credentials"],
    ["the wrong password", basicAuthorization("pipedrive-1", "pw"), "invalid_basic_credentials"],
    ["the wrong user name", basicAuthorization("pipedrive-2", "pw-new"), "invalid_basic_credentials"],
    ["a user name differing in case", basicAuthorization("Pipedrive-1", "pw-new"), "invalid_basic_credentials"],
  ])("refuses %s", (_, authorization, expected) => {
    expect(reason(() => verifyBasic(headers(authorization), "pipedrive-1", ["pw-new"]))).toBe(expected);
  });

  it("accepts nothing for a source without a user name, not even an empty one", () => {
    expect(reason(() => verifyBasic(headers(basicAuthorization("", "pw")), null, ["pw"]))).toBe("invalid_basic_credentials");
    expect(reason(() => verifyBasic(headers(basicAuthorization("", "pw")), "", ["pw"]))).toBe("invalid_basic_credentials");
  });

  it("never repeats the credentials in its message", () => {
    expect(() => verifyBasic(headers(basicAuthorization("pipedrive-1", "s3cret-value")), "pipedrive-1", ["other"])).toThrow(
      "The HTTP Basic user name or password does not match this source's credentials",
    );
  });

  it("reads the header case-insensitively", () => {
    expect(readBasicCredentials(headers(`basic ${Buffer.from("u:p").toString("base64")}`))).toEqual({ username: "u", password: "p" });
  });
});

import { describe, expect, it } from "vitest";
import { fullerName, resolvePartialName } from "../../src/memory/entity-merge.js";

const known = [
  { name: "Brightside Studio", kind: "organization" },
  { name: "Anna Smith", kind: "person" },
  { name: "Anna Lee", kind: "person" },
  { name: "Paris", kind: "place" },
  { name: "Leo", kind: "thing" },
];

describe("resolvePartialName", () => {
  it("finds the one entity whose name starts with the update's, or starts the update's, with a compatible kind", () => {
    expect(resolvePartialName({ name: "Brightside", kind: "organization" }, known)?.name).toBe("Brightside Studio");
    expect(resolvePartialName({ name: "brightside", kind: "other" }, known)?.name).toBe("Brightside Studio");
    expect(resolvePartialName({ name: "Leo Martin", kind: "person" }, known)?.name).toBe("Leo");
  });

  it("keeps names apart when the kinds differ, the match is ambiguous, the words only overlap elsewhere, or the name is tiny", () => {
    expect(resolvePartialName({ name: "Paris Hilton", kind: "person" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Anna", kind: "person" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Studio", kind: "organization" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Brightside Studio", kind: "organization" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Al", kind: "person" }, [{ name: "Al Green", kind: "person" }])).toBeUndefined();
    expect(resolvePartialName({ name: "   ", kind: "person" }, known)).toBeUndefined();
  });

  it("keeps the fuller of two forms of a name", () => {
    expect(fullerName("Brightside", " Brightside Studio ")).toBe("Brightside Studio");
    expect(fullerName("Brightside Studio", "Brightside")).toBe("Brightside Studio");
  });
});

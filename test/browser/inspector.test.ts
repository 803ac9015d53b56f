import { serve, type ServerType } from "@hono/node-server";
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpAuthConfig } from "../../src/config/http-auth.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { createAuthenticator } from "../../src/server/authenticate.js";
import { createMemoriaHttpApp } from "../../src/server/http-app.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = fileURLToPath(new URL("../../.screenshots/inspector/", import.meta.url));
const ALICE = "alice-token-0123456789";
const BOB = "bob-token-0123456789ab";
let memoria: Memoria;
let server: ServerType;
let base = "";
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png` });
const api = (token: string, path: string) => fetch(`${base}/memoria/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

async function signIn(token: string) {
  await page.goto(`${base}/memoria/`);
  await page.getByLabel("Token").fill(token);
  await page.getByLabel("Token").press("Enter");
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  mkdirSync(SHOTS, { recursive: true });
  memoria = await createMemoria({ config: testConfig(), chatModel: scriptedMemoryModel([]), embedder: new HashEmbeddings() });
  const add = (text: string, category: string, threadId: string) =>
    memoria.api.add(text, { userId: "alice", infer: false, metadata: { category, importance: 0.7, threadId } });
  await add("User is vegetarian and avoids fish", "food", "t-dinner");
  await add("User's sister Maya is a nurse in Lyon", "relationships", "t-family");
  await add("User plays the cello on Sundays", "hobby", "t-family");
  await memoria.stores.entities.merge("alice", [{ name: "Maya", kind: "person", attributes: { relation: "sister", job: "nurse" } }]);
  const app = createMemoriaHttpApp({
    memoria: async () => memoria,
    authenticate: createAuthenticator(httpAuthConfig({ tokens: `${ALICE}:alice,${BOB}:bob`, userClaim: "sub" })),
  });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(15_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await memoria?.close();
});

describe("the memory inspector in Chromium (playwright-core), over the real HTTP API and Chroma", () => {
  it("asks for a token first, and says what to do when the token is wrong", async () => {
    await page.goto(`${base}/memoria/`);
    await expect.poll(() => page.locator("#status").textContent()).toContain("Enter a bearer token");
    await signIn("not-a-token-of-this-server");
    await expect.poll(() => page.locator("#error").textContent()).toContain("MEMORIA_HTTP_TOKENS");
    await shot("01-error-bad-token");
  });

  it("loads alice's memories and entities with type, category, importance, dates, thread and validity, within a laptop screen", async () => {
    await signIn(ALICE);
    const rows = page.locator("#memories tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    const text = await page.locator("#memories").innerText();
    expect(text).toContain("User is vegetarian and avoids fish");
    expect(text).toMatch(/fact \/ food/);
    expect(text).toContain("t-dinner");
    expect(text).toContain("current");
    expect(await page.locator("#entities").innerText()).toContain("Maya (person) relation: sister; job: nurse");
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1366);
    await shot("02-memories");
  });

  it("searches and shows each hit's score and why", async () => {
    await page.getByLabel("Query").fill("vegetarian dinner");
    await page.keyboard.press("Enter");
    const first = page.locator("#results li").first();
    await expect.poll(() => first.innerText()).toMatch(/^\d\.\d{3} User is vegetarian/);
    expect(await first.locator(".why").innerText()).toMatch(/why: .*vegetarian/);
    await shot("03-search");
  });

  it("previews the prompt tier A would build for a message", async () => {
    await page.getByLabel("Message").fill("What could I cook for Maya?");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#preview").innerText()).toContain("<known_entities>");
    expect(await page.locator("#preview").innerText()).toMatch(/Maya[\s\S]*tokens/);
    await shot("04-prompt-preview");
  });

  it("edits a memory through the dialog and shows its history", async () => {
    await page.getByRole("button", { name: "Edit: User plays the cello on Sundays" }).click();
    await page.locator("#edit-content").fill("User plays the cello on Saturdays");
    await shot("05-edit-dialog");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("#memories").innerText()).toContain("User plays the cello on Saturdays");
    await page.getByRole("button", { name: "History: User plays the cello on Saturdays" }).click();
    await expect
      .poll(() => page.locator("#history").innerText())
      .toMatch(/ADD by api[\s\S]*UPDATE by api: User plays the cello on Saturdays/);
    await shot("06-history");
    await page.keyboard.press("Escape");
  });

  it("forgets a memory with the keyboard after a confirmation naming it, and the API no longer has it", async () => {
    const page1 = (await (await api(ALICE, "/memories")).json()) as { items: { id: string; content: string }[] };
    const target = page1.items.find((m) => m.content.startsWith("User is vegetarian"))!;
    await page.getByRole("button", { name: "Forget: User is vegetarian and avoids fish" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#forget-text").innerText()).toBe("“User is vegetarian and avoids fish”");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Keep it");
    await shot("07-forget-confirm");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#status").innerText()).toBe("Forgot: User is vegetarian and avoids fish");
    expect(await page.locator("#memories").innerText()).not.toContain("vegetarian");
    expect((await api(ALICE, `/memories/${target.id}`)).status).toBe(404);
    expect(await (await api(ALICE, "/export")).text()).not.toContain("vegetarian");
    await shot("08-after-forget");
  });

  it("shows bob, with his own token, none of alice's data and an empty state that says what to do", async () => {
    await signIn(BOB);
    await expect.poll(() => page.locator("#who").innerText()).toBe("signed in as bob");
    await expect.poll(() => page.locator("#memories-empty").innerText()).toContain("No memories yet for bob");
    expect(await page.locator("#memories tbody tr").count()).toBe(0);
    expect(await page.locator("#entities-empty").innerText()).toContain("No entities yet");
    await page.getByLabel("Query").fill("Maya cello nurse");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#results-empty").innerText()).toContain("Nothing matched");
    expect(await page.locator("body").innerText()).not.toMatch(/cello|Lyon|nurse in/);
    await shot("09-other-user-empty");
  });
});

/** The inspector's browser script: calls only the /memoria/v1 API and builds every node with textContent, so stored text cannot inject markup. */
export const INSPECTOR_JS = String.raw`
const API = "/memoria/v1";
const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem("memoria.token") || "", user: sessionStorage.getItem("memoria.user") || "", offset: 0, limit: 25, next: null };

function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function call(method, path, body) {
  const headers = { accept: "application/json" };
  if (state.token) headers.authorization = "Bearer " + state.token;
  if (state.user) headers["x-memoria-user"] = state.user;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res;
  try {
    res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, "Could not reach the memory API (" + e.message + "). Is the server running?");
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.error || res.statusText);
  return data;
}

function showError(e) {
  const el = $("error");
  let text = e.message;
  if (e.status === 401) text += " Enter a bearer token (one of MEMORIA_HTTP_TOKENS, or a JWT) and press Open. Without auth (local development), enter a user id instead.";
  if (e.status === 403) text += " The token and the user field name different users: clear the user field.";
  el.textContent = text;
  el.hidden = false;
}
const clearError = () => { $("error").hidden = true; };
const status = (text) => { $("status").textContent = text; };
const day = (iso) => (iso ? String(iso).slice(0, 10) : "");

function empty(id, text) {
  const el = $(id);
  el.textContent = text || "";
  el.hidden = !text;
}

function memoryRow(m) {
  const dates = ["created " + day(m.createdAt), m.eventDate ? "event " + day(m.eventDate) : null, m.validUntil ? "until " + day(m.validUntil) : null].filter(Boolean).join(" · ");
  return h("tr", { "data-id": m.id },
    h("td", { class: "content" }, m.content),
    h("td", {}, (m.kind === "episode" ? "episode" : m.type) + " / " + m.category),
    h("td", {}, Number(m.importance).toFixed(2)),
    h("td", { class: "dates" }, dates),
    h("td", { class: "thread" }, (m.source && m.source.threadId) || "—"),
    h("td", {}, h("span", { class: "validity " + m.validity }, m.validity)),
    h("td", { class: "actions" },
      h("button", { type: "button", onclick: () => openEdit(m), "aria-label": "Edit: " + m.content }, "Edit"), " ",
      h("button", { type: "button", onclick: () => openHistory(m), "aria-label": "History: " + m.content }, "History"), " ",
      h("button", { type: "button", onclick: () => openForget(m), "aria-label": "Forget: " + m.content }, "Forget")));
}

async function loadMemories() {
  const q = new URLSearchParams({ limit: String(state.limit), offset: String(state.offset) });
  if ($("historical").checked) q.set("includeHistorical", "true");
  const page = await call("GET", "/memories?" + q);
  $("memories").tBodies[0].replaceChildren(...page.items.map(memoryRow));
  state.next = page.nextOffset;
  $("page").textContent = page.total ? (state.offset + 1) + "–" + (state.offset + page.items.length) + " of " + page.total : "";
  $("prev").disabled = state.offset === 0;
  $("next").disabled = page.nextOffset === null;
  empty("memories-empty", page.total ? "" : "No memories yet for " + state.who + ". They appear after a chat turn with tier B or A (npm run chat, or a run on this server), or after an import.");
}

async function loadEntities() {
  const { entities } = await call("GET", "/entities");
  $("entities").replaceChildren(...entities.map((e) => {
    const attrs = Object.entries(e.attributes).map(([k, v]) => k + ": " + v).join("; ");
    return h("li", {}, h("strong", {}, e.name), " (" + e.kind + (e.status === "former" ? ", former" : "") + ") ", attrs);
  }));
  empty("entities-empty", entities.length ? "" : "No entities yet: people, places and things the user mentions show up here.");
}

async function loadAll() {
  clearError();
  try {
    const me = await call("GET", "/me");
    state.who = me.userId;
    $("who").textContent = "signed in as " + me.userId;
    await Promise.all([loadMemories(), loadEntities()]);
    status("Loaded.");
  } catch (e) {
    showError(e);
    status("");
  }
}

async function runSearch(ev) {
  ev.preventDefault();
  clearError();
  try {
    const { results } = await call("POST", "/memories/search", { query: $("query").value, limit: 10 });
    $("results").replaceChildren(...results.map((r) => h("li", {},
      h("span", { class: "score" }, r.score.toFixed(3)), " ", r.content, " ",
      h("span", { class: "validity " + r.validity }, r.validity),
      h("span", { class: "why" }, "why: " + r.why))));
    empty("results-empty", results.length ? "" : "Nothing matched. Try other words, or check the memories list on the left.");
  } catch (e) { showError(e); }
}

async function runPreview(ev) {
  ev.preventDefault();
  clearError();
  try {
    const p = await call("POST", "/prompt-preview", { message: $("message").value });
    $("preview").textContent = p.prompt + "\n\n(" + p.tokens + " tokens, " + p.memories.length + " memories, " + p.entities.length + " entities)";
    $("preview").hidden = false;
  } catch (e) { showError(e); }
}

let editing = null;
function openEdit(m) {
  editing = m;
  $("edit-content").value = m.content;
  $("edit-category").value = m.category;
  $("edit-importance").value = String(m.importance);
  $("edit-error").hidden = true;
  $("edit-dialog").showModal();
}
async function saveEdit(ev) {
  ev.preventDefault();
  const patch = { content: $("edit-content").value, category: $("edit-category").value, importance: Number($("edit-importance").value) };
  try {
    await call("PATCH", "/memories/" + encodeURIComponent(editing.id), patch);
    $("edit-dialog").close();
    await loadMemories();
    status("Saved: " + patch.content);
  } catch (e) {
    $("edit-error").textContent = e.message;
    $("edit-error").hidden = false;
  }
}

function openForget(m) {
  $("forget-text").textContent = "“" + m.content + "”";
  const dialog = $("forget-dialog");
  dialog.returnValue = "";
  dialog.onclose = async () => {
    if (dialog.returnValue !== "forget") return;
    try {
      await call("DELETE", "/memories/" + encodeURIComponent(m.id));
      await loadMemories();
      status("Forgot: " + m.content);
    } catch (e) { showError(e); }
  };
  dialog.showModal();
}

async function openHistory(m) {
  clearError();
  try {
    const { events } = await call("GET", "/memories/" + encodeURIComponent(m.id) + "/history");
    $("history-title").textContent = "History of “" + m.content + "”";
    $("history").replaceChildren(...events.map((e) => h("li", {}, day(e.at) + " " + e.action + " by " + e.actor + (e.content ? ": " + e.content : ""))));
    $("history-dialog").showModal();
  } catch (e) { showError(e); }
}

async function exportJson() {
  clearError();
  try {
    const data = await call("GET", "/export");
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    const a = h("a", { href: url, download: "memoria-export-" + state.who + ".json" });
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
    status("Exported " + data.memories.length + " memories and " + data.entities.length + " entities.");
  } catch (e) { showError(e); }
}

$("token").value = state.token;
$("user").value = state.user;
$("login").addEventListener("submit", (ev) => {
  ev.preventDefault();
  state.token = $("token").value.trim();
  state.user = $("user").value.trim();
  sessionStorage.setItem("memoria.token", state.token);
  sessionStorage.setItem("memoria.user", state.user);
  state.offset = 0;
  loadAll();
});
$("refresh").addEventListener("click", loadAll);
$("historical").addEventListener("change", () => { state.offset = 0; loadMemories().catch(showError); });
$("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadMemories().catch(showError); });
$("next").addEventListener("click", () => { if (state.next !== null) { state.offset = state.next; loadMemories().catch(showError); } });
$("export").addEventListener("click", exportJson);
$("search-form").addEventListener("submit", runSearch);
$("preview-form").addEventListener("submit", runPreview);
$("edit-form").addEventListener("submit", saveEdit);
$("edit-cancel").addEventListener("click", () => $("edit-dialog").close());
if (state.token || state.user) loadAll();
else status("Enter a bearer token (or, in local development without auth, a user id) and press Open.");
`;

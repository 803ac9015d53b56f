import { Hono } from "hono";
import { INSPECTOR_HTML } from "./inspector/page-html.js";
import { INSPECTOR_JS } from "./inspector/page-script.js";
import { INSPECTOR_CSS } from "./inspector/page-style.js";
import { createMemoryRoutes, type MemoryRoutesDeps } from "./memory-routes.js";
import { memoriaOpenApi } from "./openapi.js";

const PAGE_HEADERS = {
  "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

const asset = (body: string, type: string) => () => new Response(body, { headers: { ...PAGE_HEADERS, "content-type": type } });

/** The Hono app the LangGraph server mounts (langgraph.json `http.app`): the inspector page at `/memoria/` and the memory API at `/memoria/v1`. */
export function createMemoriaHttpApp(deps: MemoryRoutesDeps): Hono {
  const app = new Hono();
  app.get("/memoria", (c) => c.redirect("/memoria/", 308));
  app.get("/memoria/", asset(INSPECTOR_HTML, "text/html; charset=utf-8"));
  app.get("/memoria/assets/inspector.js", asset(INSPECTOR_JS, "text/javascript; charset=utf-8"));
  app.get("/memoria/assets/inspector.css", asset(INSPECTOR_CSS, "text/css; charset=utf-8"));
  app.get("/memoria/v1/openapi.json", (c) => c.json(memoriaOpenApi()));
  app.route("/memoria/v1", createMemoryRoutes(deps));
  return app;
}

/** The inspector's single page: layout only; the script fills it from the memory API. */
export const INSPECTOR_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>memoria inspector</title>
<link rel="stylesheet" href="/memoria/assets/inspector.css">
</head>
<body>
<header>
  <h1>memoria inspector</h1>
  <form id="login" aria-label="Sign in">
    <label>Token <input id="token" type="password" autocomplete="off" placeholder="bearer token"></label>
    <label>User <input id="user" type="text" autocomplete="off" placeholder="local dev only"></label>
    <button type="submit">Open</button>
  </form>
  <span id="who" aria-live="polite"></span>
</header>
<p id="status" role="status" aria-live="polite"></p>
<p id="error" role="alert" hidden></p>
<main>
  <section id="memories-panel" aria-labelledby="memories-title">
    <div class="bar">
      <h2 id="memories-title">Memories</h2>
      <label><input id="historical" type="checkbox"> include superseded</label>
      <button id="refresh" type="button">Refresh</button>
      <button id="export" type="button">Export JSON</button>
    </div>
    <table id="memories" aria-describedby="memories-title">
      <thead><tr><th>memory</th><th>type / category</th><th>importance</th><th>dates</th><th>thread</th><th>validity</th><th>actions</th></tr></thead>
      <tbody></tbody>
    </table>
    <p id="memories-empty" class="empty" hidden></p>
    <div class="bar"><button id="prev" type="button">Previous page</button><span id="page"></span><button id="next" type="button">Next page</button></div>
    <h2>Entities</h2>
    <ul id="entities"></ul>
    <p id="entities-empty" class="empty" hidden></p>
  </section>
  <section id="side" aria-label="Search and prompt preview">
    <h2>Search</h2>
    <form id="search-form"><label>Query <input id="query" type="search" required></label><button type="submit">Search</button></form>
    <ol id="results"></ol>
    <p id="results-empty" class="empty" hidden></p>
    <h2>Tier A prompt preview</h2>
    <form id="preview-form"><label>Message <input id="message" type="text" required></label><button type="submit">Preview</button></form>
    <pre id="preview" tabindex="0" hidden></pre>
  </section>
</main>
<dialog id="edit-dialog" aria-labelledby="edit-title">
  <form id="edit-form" method="dialog">
    <h2 id="edit-title">Edit memory</h2>
    <label>Text <textarea id="edit-content" rows="4" required></textarea></label>
    <label>Category <input id="edit-category" type="text"></label>
    <label>Importance <input id="edit-importance" type="number" min="0" max="1" step="0.05"></label>
    <p id="edit-error" role="alert" hidden></p>
    <div class="bar"><button type="submit" value="save">Save</button><button type="button" id="edit-cancel">Cancel</button></div>
  </form>
</dialog>
<dialog id="forget-dialog" aria-labelledby="forget-title">
  <form method="dialog">
    <h2 id="forget-title">Forget this memory?</h2>
    <p id="forget-text"></p>
    <p>It is deleted from memory and its text from the history. This cannot be undone.</p>
    <div class="bar"><button type="submit" value="forget" id="forget-confirm">Forget it</button><button type="submit" value="cancel" autofocus>Keep it</button></div>
  </form>
</dialog>
<dialog id="history-dialog" aria-labelledby="history-title">
  <form method="dialog">
    <h2 id="history-title">History</h2>
    <ol id="history"></ol>
    <div class="bar"><button type="submit">Close</button></div>
  </form>
</dialog>
<script type="module" src="/memoria/assets/inspector.js"></script>
</body>
</html>
`;

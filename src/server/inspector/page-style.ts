/** The inspector's stylesheet: one screen on a laptop, visible focus, readable tables. */
export const INSPECTOR_CSS = String.raw`
:root { font: 14px/1.4 system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
body { margin: 0; }
header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #1d2330; color: #fff; flex-wrap: wrap; }
header h1 { font-size: 1.1rem; margin: 0; }
header form { display: flex; gap: .5rem; align-items: center; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 1rem; padding: 0 1rem 1rem; }
section { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: .5rem 1rem; overflow: auto; max-height: calc(100vh - 7rem); }
h2 { font-size: 1rem; margin: .5rem 0; }
.bar { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #eceef2; }
th { font-weight: 600; font-size: .85rem; color: #555e6e; }
td.actions { white-space: nowrap; }
td.dates, td.thread { font-size: .8rem; color: #555e6e; white-space: nowrap; }
.validity { font-size: .8rem; padding: 0 .4rem; border-radius: 1rem; background: #e3f4e8; color: #1d6b35; }
.validity.superseded { background: #eceef2; color: #555e6e; }
.validity.expired { background: #fdecea; color: #8a1c12; }
.why { font-size: .8rem; color: #555e6e; display: block; }
.score { font-variant-numeric: tabular-nums; font-weight: 600; }
.empty { color: #555e6e; font-style: italic; }
#error { margin: .5rem 1rem; padding: .5rem; background: #fdecea; color: #8a1c12; border-radius: 4px; }
#status { margin: .25rem 1rem; min-height: 1.2em; color: #555e6e; }
pre { white-space: pre-wrap; background: #f0f2f5; padding: .5rem; border-radius: 4px; font-size: .8rem; }
button { font: inherit; padding: .15rem .6rem; border-radius: 4px; border: 1px solid #8a93a3; background: #fff; cursor: pointer; }
button:focus-visible, input:focus-visible, textarea:focus-visible, pre:focus-visible { outline: 3px solid #3b7ddd; outline-offset: 1px; }
dialog { border: 1px solid #8a93a3; border-radius: 6px; max-width: 36rem; width: 90vw; }
dialog label { display: block; margin: .5rem 0; }
dialog textarea, dialog input { width: 100%; box-sizing: border-box; font: inherit; }
`;

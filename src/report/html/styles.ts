/** The page's only stylesheet, inlined: system fonts, no external resources. */
export const STYLES = `
:root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--panel:#ffffff;--page:#f8fafc;--pass:#15803d;--fail:#b91c1c;--error:#b45309;--accent:#2563eb}
*{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
header.top{background:#0f172a;color:#f8fafc;padding:20px 32px}
header.top h1{margin:0;font-size:22px;font-weight:650;letter-spacing:.2px}
header.top .counts{margin:6px 0 0;color:#cbd5e1;font-size:14px}
header.top .counts b{color:#fff}
main{max-width:1280px;margin:0 auto;padding:24px 32px 64px}
h2{font-size:19px;margin:0 0 12px}
h3{font-size:15px;margin:18px 0 8px;color:#334155;text-transform:uppercase;letter-spacing:.6px}
h4{font-size:15px;margin:0 0 6px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;font-size:13px}
section.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 24px;box-shadow:0 1px 2px rgba(15,23,42,.04)}
table.summary{border-collapse:collapse;width:100%;font-size:14px}
table.summary th{text-align:left;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);padding:8px 10px;font-size:12px;text-transform:uppercase;letter-spacing:.5px}
table.summary td{border-bottom:1px solid var(--line);padding:8px 10px;vertical-align:top}
table.summary td.num,table.summary th.num{text-align:right;font-variant-numeric:tabular-nums}
table.summary tr:last-child td{border-bottom:none}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:650;letter-spacing:.3px;text-transform:uppercase}
.badge-pass{background:#dcfce7;color:var(--pass)}.badge-fail{background:#fee2e2;color:var(--fail)}.badge-error{background:#fef3c7;color:var(--error)}
.muted{color:var(--muted);font-weight:400}
.finding-head{display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
.finding-head h2{margin:0}
.description{color:#334155;margin:6px 0 0}
.columns{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px}
@media (max-width:900px){.columns{grid-template-columns:1fr}}
ol.violations{list-style:none;padding:0;margin:0}
ol.violations li{border-left:3px solid var(--fail);background:#fef2f2;padding:8px 12px;margin:0 0 8px;border-radius:0 6px 6px 0}
.check{display:inline-block;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px;font-weight:600;color:var(--fail);margin-right:6px}
.when{color:var(--muted);font-size:13px;font-variant-numeric:tabular-nums}
ol.faults{margin:0;padding-left:22px;font-variant-numeric:tabular-nums}
ol.faults li{margin:2px 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:12px 0 0;font-size:13px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.replay{display:flex;align-items:stretch;margin:4px 0 0;border:1px solid #1e293b;border-radius:8px;overflow:hidden}
.replay code{flex:1;background:#0f172a;color:#e2e8f0;padding:10px 14px;white-space:pre-wrap;word-break:break-all}
.replay button{border:0;background:#1e293b;color:#f8fafc;font:600 13px system-ui,sans-serif;padding:0 16px;cursor:pointer;min-width:92px}
.replay button:hover{background:#334155}
.files{margin:8px 0 0;font-size:13px}
pre.error{background:#fffbeb;border:1px solid #fde68a;border-radius:8px;padding:12px;white-space:pre-wrap}
figure{margin:12px 0 20px}
.scroll{overflow-x:auto}
figure svg:not(.swatch){display:block;max-width:100%;height:auto}
figcaption,.note{color:var(--muted);font-size:13px;margin-top:6px}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:8px 0 0;font-size:13px;color:#334155}
ul.legend li{display:flex;align-items:center;gap:6px}
ul.legend .legend-note{color:var(--muted)}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif}
.st-stripe{fill:#f1f5f9}
.st-lane{stroke-width:1.5;opacity:.55}
.st-lane-label{font-size:13px;font-weight:600;fill:#1e293b}
.st-tick{stroke:#cbd5e1;stroke-width:1;stroke-dasharray:2 3}
.axis-label{font-size:11px;fill:#64748b;font-variant-numeric:tabular-nums}
.band{stroke-width:1;stroke-dasharray:4 3}
.band-crash{fill:rgba(239,68,68,.16);stroke:rgba(220,38,38,.6)}
.band-pause{fill:rgba(245,158,11,.2);stroke:rgba(217,119,6,.6)}
.band-partition{fill:rgba(139,92,246,.16);stroke:rgba(124,58,237,.6)}
.band-link{fill:rgba(6,182,212,.16);stroke:rgba(8,145,178,.6)}
.band-label{font-size:10.5px;fill:#7f1d1d;font-weight:600}
line.msg{stroke-width:1.3;opacity:.8}
.msg-drop line,.msg-drop path{stroke-width:1.5;fill:none}
.msg-drop line{stroke-dasharray:3 2}
.mark-leader{fill:#facc15;stroke:#713f12;stroke-width:1.2}
.mark-truncate{fill:#f97316;stroke:#7c2d12;stroke-width:1.2}
.mark-crash circle{fill:#fff;stroke:#dc2626;stroke-width:1.8}.mark-crash path{stroke:#dc2626;stroke-width:2;fill:none}
.mark-restart{fill:#16a34a;stroke:#14532d;stroke-width:1}
.mark-label{font-size:10.5px;fill:#334155;font-weight:600}
.violation-rule{stroke:#dc2626;stroke-width:2}
.violation-label{font-size:11.5px;font-weight:700;fill:#b91c1c}
.gridline{stroke:#e2e8f0;stroke-width:1}
.chart-row-label{font-size:11px;fill:#475569;font-weight:600}
.series-leo{fill:none;stroke-width:2.2;stroke-linejoin:round}
.series-hw{fill:none;stroke-width:1.6;stroke-dasharray:6 4;opacity:.9}
.isr-area{fill:rgba(14,165,233,.18)}
.isr-line{fill:none;stroke:#0284c7;stroke-width:1.8}
.leader-run{opacity:.8}
.leader-none{fill:#fecaca;stroke:#dc2626;stroke-width:.8;stroke-dasharray:3 2}
.strip-label{font-size:10px;fill:#fff;font-weight:700}
figure.chart{border-top:1px solid var(--line);padding-top:14px}
`;

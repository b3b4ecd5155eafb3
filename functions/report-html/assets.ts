import { createHash } from 'node:crypto';

/**
 * The page's only style sheet and script, inlined. The Content-Security-Policy allows exactly
 * these two by hash, so nothing else (no injected script, style, image or request) can run or load.
 */
export const PAGE_CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa;--critical:#b42318;--high:#c4320a;--medium:#b54708;--low:#175cd3;--info:#475467;--ok:#067647}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.4rem 0 .8rem;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1.6rem 0 .6rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:0 0 .4rem;overflow-wrap:anywhere}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.badges{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600;color:#fff;background:var(--info);text-transform:uppercase;letter-spacing:.02em}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}.sev-info,.sev-none{background:var(--info)}
.badge.status{background:#344054}.badge.met{background:var(--ok)}.badge.missed{background:var(--critical)}.badge.unknown{background:var(--info)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.6rem 0;padding:.6rem .8rem;background:var(--panel);border:1px solid var(--line);border-radius:.4rem}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:.6rem 0}
button{font:inherit;padding:.35rem .9rem;border:1px solid #1f2328;border-radius:.35rem;background:#1f2328;color:#fff;cursor:pointer}
.ticket textarea{width:100%;height:16rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem}
.chart{border:1px solid var(--line);border-radius:.4rem;background:var(--bg)}
.chart svg{display:block;width:100%;height:auto}.chart .timeline-compact{display:none}
.chart text{font-size:12px;fill:var(--fg)}.chart .axis text{fill:var(--muted);font-size:11px}
.chart .grid{stroke:#eaeef2}.chart .row-bg{fill:var(--panel)}
.chart rect.mark.sev-critical{fill:var(--critical)}.chart rect.mark.sev-high{fill:var(--high)}.chart rect.mark.sev-medium{fill:var(--medium)}.chart rect.mark.sev-low{fill:var(--low)}.chart rect.mark.sev-info{fill:var(--info)}
.chart .tick{fill:#fff;stroke:#1f2328;stroke-width:1}
.chart .marker line{stroke-width:1.5;stroke-dasharray:4 3}
.chart .m-alarm line{stroke:#7a2e0e}.chart .m-first-error line{stroke:var(--critical)}.chart .m-collected line{stroke:#175cd3}.chart .m-deadline line{stroke:#6941c6}
.chart .marker text{font-size:11px;font-weight:600}.chart .m-alarm text{fill:#7a2e0e}.chart .m-first-error text{fill:var(--critical)}.chart .m-collected text{fill:#175cd3}.chart .m-deadline text{fill:#6941c6}
.legend{color:var(--muted);font-size:.85rem;margin:.3rem 0}
.cascade ul{margin:.3rem 0 .3rem 1.2rem;padding:0}
.card{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:.4rem;padding:.7rem .8rem;margin:.7rem 0;break-inside:avoid}
.card.sev-critical{border-left-color:var(--critical);background:none}.card.sev-high{border-left-color:var(--high);background:none}.card.sev-medium{border-left-color:var(--medium);background:none}.card.sev-low{border-left-color:var(--low);background:none}.card.sev-info{border-left-color:var(--info);background:none}
.meta{color:var(--muted);font-size:.85rem;margin:.1rem 0 .5rem;overflow-wrap:anywhere}
.evidence{list-style:none;margin:.4rem 0;padding:0}
.evidence li{background:var(--panel);border:1px solid var(--line);border-radius:.3rem;padding:.35rem .5rem;margin:.3rem 0}
.evidence .where{color:var(--muted);font-size:.8rem;overflow-wrap:anywhere}
.evidence .context{color:var(--muted)}
.ctl{color:var(--critical);background:#fee4e2;border-radius:.2rem;padding:0 .1rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;display:block;overflow-x:auto}
th,td{border:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:var(--panel)}
.aws{background:#f0f9ff;border:1px solid #b9e6fe;border-radius:.3rem;padding:.3rem .5rem;margin:.4rem 0}
footer{color:var(--muted);font-size:.8rem;margin:2rem 0 1rem}
@media (max-width:600px){.chart .timeline-wide{display:none}.chart .timeline-compact{display:block}main{padding:.6rem}.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.3rem}h1{font-size:1.15rem}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}.actions,.ticket{display:none}.chart{border:0}.chart .timeline-wide{display:block}.chart .timeline-compact{display:none}.card,.evidence li{break-inside:avoid}a{color:inherit}}
`;

/** Copies the embedded Markdown ticket; without JavaScript the ticket stays selectable in its text box. */
export const PAGE_SCRIPT = `(()=>{const b=document.getElementById('copy-ticket');const t=document.getElementById('ticket-markdown');const s=document.getElementById('copy-status');if(!b||!t||!s)return;b.hidden=false;const done=(m)=>{s.textContent=m;document.body.dataset.copied=m;};b.addEventListener('click',()=>{const text=t.value;const fallback=()=>{t.focus();t.select();done(document.execCommand('copy')?'Copied':'Select the text below and copy it');};if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(text).then(()=>done('Copied'),fallback);}else fallback();});})();`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Everything is denied except the two inline blocks above; `form-action` and `base-uri` are not covered by default-src. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(PAGE_CSS)}`,
  `script-src ${sha256(PAGE_SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

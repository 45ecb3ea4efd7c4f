/**
 * The Inspector webview's page. Everything is inline and nonce'd under `default-src 'none'`: the
 * panel loads nothing, not even from the extension folder. Colors come from VS Code's theme
 * variables, so light, dark and high-contrast themes work without a stylesheet per theme. The
 * script builds the DOM with textContent and CSSOM (el.style), never HTML strings or style
 * attributes, which the policy would block anyway.
 */

export function inspectorHtml(nonce: string, cspSource: string): string {
  const csp = `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>GPT-2 Inspector</title>
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<header>
  <h1>GPT-2 Inspector</h1>
  <p id="summary" class="muted" aria-live="polite">Waiting for the cursor…</p>
</header>
<main>
<section aria-labelledby="h-next">
  <h2 id="h-next">Next token</h2>
  <div class="controls">
    <label for="temperature">Preview temperature</label>
    <input id="temperature" type="range" min="0" max="2" step="0.05" value="0" aria-describedby="temperature-value">
    <output id="temperature-value" for="temperature">0</output>
    <button id="apply" type="button" aria-label="Apply the preview temperature to the predictiveKeyboard.temperature setting">Apply to settings</button>
    <label for="rows">Rows</label>
    <select id="rows" aria-label="Number of tokens shown">
      <option value="10">10</option><option value="20" selected>20</option><option value="40">40</option>
    </select>
  </div>
  <p class="legend muted"><span class="swatch model"></span>model (T = 1) <span class="swatch tempered"></span><span id="legend-preview">preview</span> <span class="swatch sampled"></span>drawn when sampling (top-k)</p>
  <div id="bars" role="list" aria-label="Most probable next tokens"></div>
  <p id="rest" class="muted"></p>
</section>
<section aria-labelledby="h-candidates">
  <h2 id="h-candidates">Candidates</h2>
  <p id="ghost" class="muted"></p>
  <ol id="candidates" aria-label="Whole-word candidates"></ol>
</section>
<section aria-labelledby="h-tokens">
  <h2 id="h-tokens">Context tokens</h2>
  <p id="tokens-note" class="muted"></p>
  <div id="tokens" class="strip" role="list" aria-label="BPE tokens before the cursor" tabindex="0"></div>
</section>
<section aria-labelledby="h-attention">
  <h2 id="h-attention">Attention of the last position</h2>
  <div class="controls">
    <label for="layer">Layer</label><select id="layer" aria-label="Attention layer"></select>
    <label for="head">Head</label><select id="head" aria-label="Attention head"></select>
  </div>
  <p id="attention-note" class="muted"></p>
  <div id="attention" class="strip" role="list" aria-label="Attention over the context tokens" tabindex="0"></div>
</section>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

const CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px 16px; }
h1 { font-size: 1.2em; margin: 10px 0 2px; }
h2 { font-size: 1em; margin: 14px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding-bottom: 2px; }
.muted { color: var(--vscode-descriptionForeground); margin: 4px 0; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin-bottom: 6px; }
input[type=range] { width: 160px; accent-color: var(--vscode-button-background); }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 1px 4px; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; }
button:hover:not(:disabled) { background: var(--vscode-button-hoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.row { display: grid; grid-template-columns: minmax(70px, 10em) 1fr 14em; gap: 6px; align-items: center; margin: 1px 0; }
.row.matches .tok { text-decoration: underline; }
.row.outside { opacity: 0.7; }
.tok { font-family: var(--vscode-editor-font-family); white-space: pre; overflow: hidden; text-overflow: ellipsis; }
.bars { display: flex; flex-direction: column; gap: 1px; }
.bar { height: 5px; min-width: 1px; }
.bar.model, .swatch.model { background: var(--vscode-charts-blue); }
.bar.tempered, .swatch.tempered { background: var(--vscode-charts-orange); }
.bar.sampled, .swatch.sampled { background: var(--vscode-charts-green); }
.nums { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 8px; vertical-align: middle; }
.cutoff { border-top: 2px dashed var(--vscode-focusBorder); margin: 4px 0; padding-top: 1px; font-size: 0.85em; color: var(--vscode-descriptionForeground); }
#candidates li { margin: 2px 0; }
.badge { background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border-radius: 8px; padding: 0 6px; margin-left: 6px; font-size: 0.85em; }
.strip { display: flex; flex-wrap: wrap; gap: 2px; font-family: var(--vscode-editor-font-family); line-height: 1.6; }
.piece { white-space: pre; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, rgba(128,128,128,0.4))); border-radius: 3px; padding: 0 2px; }
.piece:nth-child(even) { background: color-mix(in srgb, var(--vscode-foreground) 7%, transparent); }
.piece.special { color: var(--vscode-descriptionForeground); font-style: italic; }
.ws { color: var(--vscode-descriptionForeground); }
#attention .piece { background: transparent; }
body.vscode-high-contrast .piece, body.vscode-high-contrast-light .piece { border-color: var(--vscode-contrastBorder); }
`;

// Plain browser JavaScript (not type-checked): renders what the extension posts.
const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const $ = (id) => document.getElementById(id);
  const slider = $('temperature'), out = $('temperature-value'), apply = $('apply'), rowsSelect = $('rows');
  const layerSelect = $('layer'), headSelect = $('head');
  // touched: the person moved the slider since the last Apply; a render (possibly of an older request)
  // must never move a slider the person moved.
  let view, setting = 0, timer, touched = false;
  const pct = (p) => (p >= 0.1 ? (p * 100).toFixed(1) : (p * 100).toFixed(2)) + '%';
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  // Spaces and newlines are the point of BPE pieces: make them visible.
  function visible(parent, text) {
    for (const part of text.split(/( |\\n|\\t)/)) {
      if (part === '') continue;
      if (part === ' ') parent.appendChild(el('span', 'ws', '\\u00b7'));
      else if (part === '\\n') parent.appendChild(el('span', 'ws', '\\u21b5'));
      else if (part === '\\t') parent.appendChild(el('span', 'ws', '\\u2192'));
      else parent.appendChild(document.createTextNode(part));
    }
  }
  const label = (text) => (text === '' ? '<|endoftext|>' : JSON.stringify(text));
  function syncTemperature(t) {
    slider.value = String(t);
    out.textContent = Number(t).toFixed(2);
    $('legend-preview').textContent = 'preview (T = ' + Number(t).toFixed(2) + ')';
    apply.disabled = Math.abs(Number(t) - setting) < 1e-9;
  }
  function renderBars(v) {
    const bars = $('bars');
    bars.replaceChildren();
    const max = Math.max(...v.distribution.map((r) => Math.max(r.probability, r.tempered, r.sampled)), 1e-9);
    v.distribution.forEach((r, i) => {
      if (i === v.topK) bars.appendChild(el('div', 'cutoff', 'top-k = ' + v.topK + ' cut-off: tokens below are never sampled'));
      const row = el('div', 'row' + (r.matchesTyped ? ' matches' : '') + (r.inTopK ? '' : ' outside'));
      row.setAttribute('role', 'listitem');
      row.dataset.token = r.text;
      row.setAttribute('aria-label', (i + 1) + '. token ' + label(r.text) + ': model ' + pct(r.probability) + ', preview ' + pct(r.tempered) + (r.inTopK ? ', sampled ' + pct(r.sampled) : ', outside top-k') + (r.matchesTyped ? ', matches the typed part' : ''));
      const tok = el('span', 'tok'); visible(tok, r.text === '' ? '<|endoftext|>' : r.text); tok.title = 'token id ' + r.id;
      const b = el('div', 'bars');
      for (const kind of ['probability', 'tempered', 'sampled']) {
        const bar = el('div', 'bar ' + (kind === 'probability' ? 'model' : kind));
        bar.style.width = ((r[kind] / max) * 100).toFixed(2) + '%';
        b.appendChild(bar);
      }
      const nums = el('span', 'nums', pct(r.probability) + ' \\u2192 ' + pct(r.tempered) + (r.inTopK ? ' \\u00b7 ' + pct(r.sampled) : ''));
      nums.title = 'model \\u2192 preview' + (r.inTopK ? ' \\u00b7 chance of being drawn among the top-k' : '');
      row.append(tok, b, nums);
      bars.appendChild(row);
    });
    $('rest').textContent = 'All other tokens: ' + pct(v.restProbability) + ' \\u2192 ' + pct(v.restTempered) + (v.mode === 'completion' ? ' \\u00b7 underlined: tokens that fit the typed "' + v.typed + '"' : '');
  }
  function renderCandidates(v) {
    $('ghost').textContent = v.phrase ? 'Ghost text: "' + v.phrase + '" (candidates from the ' + v.candidatesFrom + ', temperature setting ' + v.settingTemperature + ')' : 'No ghost text here.';
    const list = $('candidates');
    list.replaceChildren();
    for (const c of v.candidates) {
      const li = el('li', undefined, c.word + '  ' + pct(c.probability));
      li.dataset.word = c.word;
      if (c.ghost) { li.appendChild(el('span', 'badge', 'ghost text')); li.dataset.ghost = 'true'; }
      list.appendChild(li);
    }
  }
  function renderTokens(v) {
    const strip = $('tokens');
    strip.replaceChildren();
    for (const p of v.pieces) {
      const s = el('span', 'piece' + (p.special ? ' special' : ''));
      s.setAttribute('role', 'listitem');
      s.dataset.text = p.text;
      if (p.special) s.textContent = '<|endoftext|>'; else visible(s, p.text);
      s.title = 'ids ' + p.ids.join(', ');
      s.setAttribute('aria-label', label(p.text) + ', token id' + (p.ids.length > 1 ? 's ' : ' ') + p.ids.join(' '));
      strip.appendChild(s);
    }
    $('tokens-note').textContent = v.contextTokens + ' tokens in the model\\'s window' + (v.hiddenTokens > 0 ? ', the last ' + (v.contextTokens - v.hiddenTokens) + ' shown' : '') + (v.typed ? '; "' + v.typed + '" is being typed and is not fed as tokens' : '') + '.';
  }
  function fillSelect(select, values, keep) {
    if (select.options.length === values.length) return;
    select.replaceChildren(...values.map(([value, text]) => { const o = el('option', undefined, text); o.value = value; return o; }));
    if (keep !== undefined && values.some(([value]) => value === keep)) select.value = keep;
  }
  const sameTokens = (x, y) => x && y && x.pieces.length === y.pieces.length && x.pieces.every((p, i) => p.ids.join() === y.pieces[i].ids.join());
  let lastAttention;
  function renderAttention(v) {
    const strip = $('attention'), note = $('attention-note');
    strip.replaceChildren();
    // While typing, attention is not recomputed: keep the last one if the tokens are the same.
    if (v.attention) lastAttention = v;
    else if (sameTokens(v, lastAttention)) v = lastAttention;
    const a = v.attention;
    if (!a || 'unavailable' in a) {
      note.textContent = a ? a.unavailable : 'Attention is computed when typing pauses.';
      layerSelect.disabled = headSelect.disabled = true;
      return;
    }
    layerSelect.disabled = headSelect.disabled = false;
    fillSelect(layerSelect, Array.from({ length: a.layers }, (_, l) => [String(l), String(l + 1)]), String(a.layers - 1));
    fillSelect(headSelect, [['avg', 'average']].concat(Array.from({ length: a.heads }, (_, h) => [String(h), String(h + 1)])), 'avg');
    const l = Number(layerSelect.value);
    const heads = headSelect.value === 'avg' ? Array.from({ length: a.heads }, (_, h) => h) : [Number(headSelect.value)];
    const weights = v.pieces.map((_, i) => heads.reduce((s, h) => s + a.weights[l][h][i], 0) / heads.length);
    const earlier = heads.reduce((s, h) => s + a.earlier[l][h], 0) / heads.length;
    const max = Math.max(...weights, 1e-9);
    v.pieces.forEach((p, i) => {
      const s = el('span', 'piece' + (p.special ? ' special' : ''));
      s.setAttribute('role', 'listitem');
      if (p.special) s.textContent = '<|endoftext|>'; else visible(s, p.text);
      const share = Math.round((weights[i] / max) * 85);
      s.style.backgroundColor = 'color-mix(in srgb, var(--vscode-charts-orange) ' + share + '%, transparent)';
      s.title = pct(weights[i]);
      s.setAttribute('aria-label', label(p.text) + ': attention ' + pct(weights[i]));
      strip.appendChild(s);
    });
    note.textContent = 'Layer ' + (l + 1) + ', ' + (heads.length > 1 ? 'average of ' + heads.length + ' heads' : 'head ' + (heads[0] + 1)) + '. Darker = more attention from the last context token' + (earlier > 0.0005 ? '; ' + pct(earlier) + ' goes to earlier tokens not shown' : '') + '.';
  }
  function render(v) {
    view = v;
    setting = v.settingTemperature;
    if (!touched && document.activeElement !== slider) syncTemperature(v.previewTemperature);
    else apply.disabled = Math.abs(Number(slider.value) - setting) < 1e-9;
    rowsSelect.value = String(v.rows);
    $('summary').textContent = v.model + ' \\u00b7 ' + (v.mode === 'completion' ? 'completing "' + v.typed + '"' : 'next word') + ' \\u00b7 ' + v.contextTokens + ' context tokens \\u00b7 ' + v.latencyMs.toFixed(1) + ' ms';
    renderBars(v); renderCandidates(v); renderTokens(v); renderAttention(v);
    document.body.dataset.ready = 'true';
  }
  slider.addEventListener('input', () => {
    touched = true;
    syncTemperature(slider.value);
    clearTimeout(timer);
    timer = setTimeout(() => vscode.postMessage({ type: 'preview', temperature: Number(slider.value) }), 60);
  });
  apply.addEventListener('click', () => vscode.postMessage({ type: 'apply', temperature: Number(slider.value) }));
  rowsSelect.addEventListener('change', () => vscode.postMessage({ type: 'rows', rows: Number(rowsSelect.value) }));
  layerSelect.addEventListener('change', () => view && renderAttention(view));
  headSelect.addEventListener('change', () => view && renderAttention(view));
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'inspection') render(m.view);
    else if (m.type === 'status') $('summary').textContent = m.text;
    else if (m.type === 'applied') { setting = m.temperature; touched = false; syncTemperature(m.temperature); }
  });
  vscode.postMessage({ type: 'ready' });
})();
`;

// sockit ui: one WebSocket to the sockit server; sessions live on the server, the page renders
// their logs from batches (a few per second however fast the traffic) and sends requests.
import { fromBase64, toHex, decode, visible, formatBytes, formatTime, formatDuration } from './codec.js';

const MAX_PAGE_ENTRIES = 5000; // per session, in memory
const MAX_DOM_ROWS = 1000;     // rows in the log view
const $ = (id) => document.getElementById(id);

const sessions = new Map();    // id -> { meta, entries, skipped, rules }
let current = null;
let ws = null;
let reqSeq = 0;
const pending = new Map();
const stats = { batches: 0, entries: 0, renders: 0, lastBatchAt: 0 };
window.sockitStats = stats;    // read by the browser tests and bench/ui-flood.sh

// ---- connection to the server ----------------------------------------------------------------
function connect() {
  ws = new WebSocket(`ws://${location.host}/ws`);
  ws.onopen = () => {
    // A new socket gets each session's recent log again: start from what the server sends.
    sessions.clear();
    $('log').replaceChildren();
    setLink(true);
    loadPacketList();
  };
  ws.onclose = () => { setLink(false); setTimeout(connect, 1000); };
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    if (m.t === 'batch') onBatch(m);
    else onAnswer(m);
  };
}

// A live page says so every 25 s: the server ends connections idle for minutes (half-open ones).
setInterval(() => { if (ws && ws.readyState === WebSocket.OPEN) ws.send('{"op":"ping"}'); }, 25000);

function setLink(up) {
  const l = $('link');
  l.textContent = up ? 'connected' : 'disconnected — retrying';
  l.className = 'link ' + (up ? 'up' : 'down');
}

function request(msg) {
  return new Promise((resolve, reject) => {
    if (!ws || ws.readyState !== WebSocket.OPEN) { reject(new Error('not connected to sockit; is it still running?')); return; }
    const req = ++reqSeq;
    pending.set(req, { resolve, reject });
    ws.send(JSON.stringify({ ...msg, req }));
  });
}

function onAnswer(m) {
  const p = pending.get(m.req);
  if (!p) { if (m.t === 'error') showMessage(m.message, true); return; }
  pending.delete(m.req);
  if (m.t === 'error') p.reject(new Error(m.message)); else p.resolve(m);
}

function showMessage(text, error = false) {
  const el = $('message');
  el.textContent = text;
  el.className = error ? 'error' : 'ok';
}

async function run(action, okText) {
  try {
    const r = await action();
    if (okText) showMessage(typeof okText === 'function' ? okText(r) : okText);
    return r;
  } catch (e) {
    showMessage(e.message, true);
    return null;
  }
}

// ---- batches -----------------------------------------------------------------------------------
function onBatch(b) {
  stats.batches++;
  stats.lastBatchAt = Date.now();
  let fresh = false; // the session on screen just arrived: draw it whole
  for (const id of b.gone) { sessions.delete(id); if (current === id) current = null; }
  for (const s of b.sessions) {
    let local = sessions.get(s.id);
    if (!local) {
      local = { meta: s, entries: [], skipped: 0, rules: [] };
      sessions.set(s.id, local);
      if (s.id === current) fresh = true;
    }
    local.meta = s;
    local.skipped += s.skipped;
    const added = s.entries.map(([seq, ts, dir, peer, len, b64, note]) => ({ seq, ts, dir, peer, len, bytes: fromBase64(b64), note }));
    stats.entries += added.length;
    local.entries.push(...added);
    if (local.entries.length > MAX_PAGE_ENTRIES) {
      local.skipped += local.entries.length - MAX_PAGE_ENTRIES;
      local.entries.splice(0, local.entries.length - MAX_PAGE_ENTRIES);
    }
    if (s.id === current && !fresh && !$('pause').checked) appendRows(added);
  }
  if (fresh) renderAll();
  if (current === null && sessions.size) {
    current = [...sessions.keys()].at(-1);
    renderAll();
  }
  renderTabs();
  renderMeta();
}

// ---- rendering ---------------------------------------------------------------------------------
function content(e) {
  if (e.dir === 'ev') return [[e.note, false]];
  if ($('view').value === 'hex') return [[toHex(e.bytes) + (e.bytes.length < e.len ? ' …' : ''), false]];
  return visible(decode(e.bytes, $('encoding').value));
}

function matches(e, parts) {
  const f = $('filter').value;
  if (!f) return true;
  return e.peer.includes(f) || parts.some(([t]) => t.includes(f));
}

function rowEl(e) {
  const parts = content(e);
  if (!matches(e, parts)) return null;
  const row = document.createElement('div');
  row.className = 'row ' + e.dir;
  row.dataset.dir = e.dir;
  const arrow = e.dir === 'rx' ? '←' : e.dir === 'tx' ? '→' : '•';
  const head = document.createElement('span');
  head.className = 't';
  head.textContent = formatTime(e.ts) + ' ';
  const d = document.createElement('span');
  d.className = 'd';
  d.textContent = arrow + ' ';
  const p = document.createElement('span');
  p.className = 'p';
  p.textContent = e.dir === 'ev' ? '' : `${e.peer} ${e.len} B  `;
  const c = document.createElement('span');
  c.className = 'c';
  for (const [text, esc] of parts) {
    if (esc) { const s = document.createElement('span'); s.className = 'esc'; s.textContent = text; c.append(s); }
    else c.append(text);
  }
  row.append(head, d, p, c);
  return row;
}

function appendRows(entries) {
  if (!entries.length) return;
  const log = $('log');
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  const frag = document.createDocumentFragment();
  // Only the newest MAX_DOM_ROWS can be shown anyway: do not build the rest.
  for (const e of entries.slice(-MAX_DOM_ROWS)) { const r = rowEl(e); if (r) frag.append(r); }
  log.append(frag);
  while (log.childElementCount > MAX_DOM_ROWS) log.firstElementChild.remove();
  if (atBottom) log.scrollTop = log.scrollHeight;
  stats.renders++;
}

function renderAll() {
  const log = $('log');
  log.replaceChildren();
  const s = sessions.get(current);
  if (s) appendRows(s.entries);
  const panel = $('session');
  panel.hidden = !s;
  $('empty').hidden = !!s;
  if (s) renderRules(s);
}

function renderTabs() {
  const ul = $('tabs');
  const items = [];
  for (const [id, s] of sessions) {
    const li = document.createElement('li');
    li.dataset.session = id;
    li.className = 'tab' + (id === current ? ' active' : '') + (s.meta.state === 'closed' ? ' closed' : '');
    li.textContent = `#${id} ${s.meta.title}`;
    li.onclick = () => { current = id; renderAll(); renderTabs(); renderMeta(); };
    items.push(li);
  }
  ul.replaceChildren(...items);
}

function renderMeta() {
  const s = sessions.get(current);
  if (!s) { $('session').hidden = true; $('empty').hidden = false; return; }
  const m = s.meta;
  $('session').hidden = false;
  $('empty').hidden = true;
  $('session').dataset.kind = m.kind;
  $('session-title').textContent = m.title;
  const st = $('session-state');
  st.textContent = m.state;
  st.className = 'state ' + m.state;
  $('rx-bytes').textContent = formatBytes(m.rxBytes);
  $('tx-bytes').textContent = formatBytes(m.txBytes);
  $('rx-msgs').textContent = m.rxMessages;
  $('tx-msgs').textContent = m.txMessages;
  $('rules-count').textContent = m.rules;
  $('auto-toggle').textContent = m.autoSend ? 'Stop auto-send' : 'Start auto-send';
  $('capture-toggle').textContent = m.capture ? 'Stop saving' : 'Save received to file';
  $('capture-info').textContent = m.capture ? `${formatBytes(m.captured)} B → ${m.capture}` : '';
  $('skipped').textContent = s.skipped ? `${s.skipped} older lines not kept` : '';
  const server = m.kind === 'tcp-server' || m.kind === 'unix-server';
  for (const el of document.querySelectorAll('#session .for-server')) el.hidden = !server;
  for (const el of document.querySelectorAll('#session .for-udp')) el.hidden = m.kind !== 'udp';
  $('clients-box').hidden = !server;
  if (server) renderClients(m.peers);
  updateUptime();
}

function renderClients(peers) {
  const sel = $('target');
  const chosen = sel.value;
  sel.replaceChildren(new Option('all clients', 'all'), ...peers.map((p) => new Option(`#${p.id} ${p.addr}`, p.id)));
  sel.value = [...sel.options].some((o) => o.value === chosen) ? chosen : 'all';
  $('clients').replaceChildren(...peers.map((p) => {
    const li = document.createElement('li');
    li.dataset.peer = p.id;
    li.append(`#${p.id} ${p.addr} `);
    const b = document.createElement('button');
    b.className = 'disconnect';
    b.textContent = '✕';
    b.title = 'disconnect this client';
    b.onclick = () => run(() => request({ op: 'disconnect', session: current, peer: p.id }), `client #${p.id} disconnected`);
    li.append(b);
    return li;
  }));
}

function updateUptime() {
  const s = sessions.get(current);
  if (!s) return;
  $('uptime').textContent = s.meta.state === 'open' && s.meta.openedAt ? formatDuration(Date.now() - s.meta.openedAt) : '–';
}
setInterval(updateUptime, 1000);

// ---- throughput: bytes per second of every session, sampled each second, last 60 s ----------
const RATE_POINTS = 60;
function sampleRates() {
  for (const s of sessions.values()) {
    const r = s.rate ??= { rx: [], tx: [], lastRx: s.meta.rxBytes, lastTx: s.meta.txBytes };
    r.rx.push(Math.max(0, s.meta.rxBytes - r.lastRx));
    r.tx.push(Math.max(0, s.meta.txBytes - r.lastTx));
    r.lastRx = s.meta.rxBytes;
    r.lastTx = s.meta.txBytes;
    if (r.rx.length > RATE_POINTS) { r.rx.shift(); r.tx.shift(); }
  }
  drawRate();
}
function drawRate() {
  const s = sessions.get(current);
  const c = $('rate');
  const g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  if (!s || !s.rate) { $('rate-text').textContent = ''; return; }
  const { rx, tx } = s.rate;
  const max = Math.max(1, ...rx, ...tx);
  const line = (data, colour) => {
    g.strokeStyle = colour;
    g.beginPath();
    data.forEach((v, i) => {
      const x = c.width - (data.length - i) * (c.width / RATE_POINTS);
      const y = c.height - 2 - (v / max) * (c.height - 4);
      if (i) g.lineTo(x, y); else g.moveTo(x, y);
    });
    g.stroke();
  };
  line(rx, '#0a7d32');
  line(tx, '#1f5fbf');
  $('rate-text').textContent = `RX ${formatBytes(rx.at(-1) ?? 0)} B/s · TX ${formatBytes(tx.at(-1) ?? 0)} B/s`;
}
setInterval(sampleRates, 1000);

// ---- new sessions ------------------------------------------------------------------------------
function kindChanged() {
  const k = $('kind').value;
  const unix = k.startsWith('unix-');
  for (const el of document.querySelectorAll('#new-session .for-client')) el.hidden = k !== 'tcp-client';
  for (const el of document.querySelectorAll('#new-session .for-listen')) el.hidden = k === 'tcp-client' || unix;
  for (const el of document.querySelectorAll('#new-session .for-port')) el.hidden = unix;
  for (const el of document.querySelectorAll('#new-session .for-unix')) el.hidden = !unix;
  for (const el of document.querySelectorAll('#new-session .for-udp')) el.hidden = k !== 'udp';
}

function portValue(text, allowZero) {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t) || +t > 65535 || (!allowZero && +t === 0)) {
    throw new Error(`port must be a number from ${allowZero ? 0 : 1} to 65535${allowZero ? ' (0: any free port)' : ''}, got '${t}'`);
  }
  return +t;
}

async function openSession(ev) {
  ev.preventDefault();
  const r = await run(async () => {
    const kind = $('kind').value;
    const msg = { op: 'open', kind };
    if (kind.startsWith('unix-')) {
      msg.path = $('path').value.trim();
      if (!msg.path.startsWith('/')) throw new Error('enter the socket file as an absolute path, e.g. /tmp/demo.sock');
    } else if (kind === 'tcp-client') {
      msg.host = $('host').value.trim();
      if (!msg.host) throw new Error('enter the host to connect to, e.g. 127.0.0.1');
      msg.port = portValue($('port').value, false);
      msg.timeoutMs = 10000;
    } else {
      msg.bind = $('bind').value.trim() || '127.0.0.1';
      msg.port = portValue($('port').value, true);
      msg.broadcast = $('broadcast').checked;
    }
    return request(msg);
  }, (a) => `opened ${a.title}`);
  if (r) {
    current = r.session;
    renderAll();
  }
}

// ---- sending -----------------------------------------------------------------------------------
function payload(file = false) {
  const s = sessions.get(current);
  const data = $('send-data').value;
  const mode = $('send-mode').value;
  if (!data && !file) throw new Error('nothing to send: the send box is empty');
  if (!file && mode === 'hex' && /[^0-9a-fA-FxX\s,:-]/.test(data)) throw new Error('hex mode takes hex digits like "01 03 ff", got other characters');
  let target = '';
  if (s.meta.kind === 'tcp-server' || s.meta.kind === 'unix-server') target = $('target').value;
  if (s.meta.kind === 'udp') {
    target = $('reply-last').checked ? 'last' : $('udp-target').value.trim();
    if (!target) throw new Error('enter where to send, as host:port, or tick "reply to last sender"');
  }
  return { session: current, data, mode, encoding: $('encoding').value, ending: $('send-ending').value, checksum: $('send-checksum').value, target };
}

async function send(ev) {
  ev.preventDefault();
  const r = await run(() => request({ op: 'send', ...payload() }), (a) => `sent ${a.bytes} bytes`);
  if (r) remember($('send-data').value, $('send-mode').value);
}

async function toggleCapture() {
  const s = sessions.get(current);
  if (s.meta.capture) {
    await run(() => request({ op: 'capture', session: current, on: false }), (a) => `saved ${a.bytes} bytes to ${a.path}`);
  } else {
    await run(() => request({ op: 'capture', session: current, on: true }), (a) => `saving received data to ${a.path}`);
  }
}

async function toggleAuto() {
  const s = sessions.get(current);
  if (s.meta.autoSend) { await run(() => request({ op: 'autosend', session: current, intervalMs: 0 }), 'auto-send stopped'); return; }
  await run(() => {
    const t = $('auto-ms').value.trim();
    if (!/^\d+$/.test(t) || +t < 1 || +t > 3600000) throw new Error(`auto-send interval must be 1 to 3600000 ms, got '${t}'`);
    return request({ op: 'autosend', intervalMs: +t, ...payload() });
  }, (a) => `auto-send every ${a.intervalMs} ms`);
}

const MAX_FILE = 512 * 1024;

async function sendFile() {
  await run(async () => {
    const f = $('send-file').files[0];
    if (!f) throw new Error('choose a file first');
    if (f.size === 0) throw new Error(`${f.name} is empty`);
    if (f.size > MAX_FILE) throw new Error(`${f.name} has ${f.size} bytes; files up to ${MAX_FILE} bytes can be sent from the page`);
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const p = payload(true);
    return request({ op: 'send', ...p, data: btoa(bin), mode: 'base64', ending: 'none', checksum: 'none' });
  }, (a) => `sent file: ${a.bytes} bytes`);
}

// ---- saved packets (a JSON file in the user's config folder, on the server) ---------------------
let savedPackets = [];
function showPackets(list) {
  savedPackets = list;
  const sel = $('packets');
  const chosen = sel.value;
  sel.replaceChildren(new Option('—', ''), ...list.map((p) => new Option(p.name, p.name)));
  if (list.some((p) => p.name === chosen)) sel.value = chosen;
}
async function loadPacketList() {
  try { showPackets((await request({ op: 'packets' })).packets); } catch (e) { /* no library: leave the list empty */ }
}
function packetLoad() {
  const p = savedPackets.find((x) => x.name === $('packets').value);
  if (!p) { showMessage('choose a saved packet first', true); return; }
  $('send-data').value = p.data;
  $('send-mode').value = p.mode;
  $('send-ending').value = p.ending;
  $('send-checksum').value = p.checksum;
  $('packet-name').value = p.name;
}
function packetSave() {
  return run(async () => {
    const name = $('packet-name').value.trim();
    if (!name) throw new Error('give the packet a name to save it under');
    const a = await request({ op: 'packet-save', name, data: $('send-data').value, mode: $('send-mode').value, ending: $('send-ending').value, checksum: $('send-checksum').value });
    showPackets(a.packets);
    $('packets').value = name;
    return a;
  }, `saved packet "${$('packet-name').value.trim()}"`);
}
function packetExport() {
  const blob = new Blob([JSON.stringify({ packets: savedPackets }, null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'sockit-packets.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
async function packetImport(ev) {
  const file = ev.target.files[0];
  if (!file) return;
  await run(async () => {
    let library;
    try { library = JSON.parse(await file.text()); } catch (e) { throw new Error(`${file.name} is not JSON: ${e.message}`); }
    const a = await request({ op: 'packet-import', library });
    showPackets(a.packets);
    return a;
  }, (a) => `imported; ${a.packets.length} saved packets`);
  ev.target.value = '';
}
function packetDelete() {
  return run(async () => {
    const name = $('packets').value;
    if (!name) throw new Error('choose a saved packet to delete');
    const a = await request({ op: 'packet-delete', name });
    showPackets(a.packets);
    return a;
  }, 'packet deleted');
}

function history() { try { return JSON.parse(localStorage.getItem('sockit.history') || '[]'); } catch { return []; } }
function remember(data, mode) {
  const h = history().filter((x) => !(x.data === data && x.mode === mode));
  h.unshift({ data, mode });
  localStorage.setItem('sockit.history', JSON.stringify(h.slice(0, 30)));
  renderHistory();
}
function renderHistory() {
  const sel = $('history');
  sel.replaceChildren(new Option('—', ''), ...history().map((x, i) => new Option(`[${x.mode}] ${x.data.slice(0, 40)}`, String(i))));
}

// ---- auto-reply rules --------------------------------------------------------------------------
function renderRules(s) {
  $('rules').replaceChildren(...s.rules.map((r, i) => {
    const tr = document.createElement('tr');
    const match = document.createElement('select');
    match.className = 'rule-match';
    for (const v of ['exact', 'contains', 'starts', 'ends', 'regex']) match.add(new Option(v === 'starts' ? 'starts with' : v === 'ends' ? 'ends with' : v, v));
    match.value = r.match;
    match.onchange = () => { r.match = match.value; };
    const pattern = Object.assign(document.createElement('input'), { className: 'rule-pattern', value: r.pattern, spellcheck: false });
    pattern.oninput = () => { r.pattern = pattern.value; };
    const reply = Object.assign(document.createElement('input'), { className: 'rule-reply', value: r.reply, spellcheck: false });
    reply.oninput = () => { r.reply = reply.value; };
    const mode = document.createElement('select');
    mode.className = 'rule-mode';
    for (const v of ['text', 'hex', 'escapes']) mode.add(new Option(v, v));
    mode.value = r.replyMode;
    mode.onchange = () => { r.replyMode = mode.value; };
    const del = Object.assign(document.createElement('button'), { type: 'button', textContent: '✕', title: 'remove rule' });
    del.onclick = () => { s.rules.splice(i, 1); renderRules(s); };
    for (const el of [match, pattern, reply, mode, del]) { const td = document.createElement('td'); td.append(el); tr.append(td); }
    return tr;
  }));
}

// ---- export ------------------------------------------------------------------------------------
function rowsForExport() {
  const s = sessions.get(current);
  const enc = $('encoding').value;
  return s.entries.map((e) => ({
    time: new Date(e.ts).toISOString(), dir: e.dir, peer: e.peer, length: e.len,
    text: e.dir === 'ev' ? '' : decode(e.bytes, enc), hex: e.dir === 'ev' ? '' : toHex(e.bytes), note: e.note,
  }));
}
function download(name, type, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
function csv(rows) {
  const q = (v) => { const t = String(v); return /[",\r\n]/.test(t) ? '"' + t.replaceAll('"', '""') + '"' : t; };
  const cols = ['time', 'dir', 'peer', 'length', 'text', 'hex', 'note'];
  return [cols.join(','), ...rows.map((r) => cols.map((c) => q(r[c])).join(','))].join('\r\n') + '\r\n';
}
window.sockitExport = { rows: rowsForExport, csv: () => csv(rowsForExport()) };

// ---- wiring ------------------------------------------------------------------------------------
$('kind').onchange = kindChanged;
$('new-session').onsubmit = openSession;
$('send-form').onsubmit = send;
$('auto-toggle').onclick = toggleAuto;
$('capture-toggle').onclick = toggleCapture;
$('send-file-btn').onclick = sendFile;
$('packet-load').onclick = packetLoad;
$('packet-save').onclick = packetSave;
$('packet-delete').onclick = packetDelete;
$('packet-export').onclick = packetExport;
$('packet-import').onchange = packetImport;
$('view').onchange = renderAll;
$('encoding').onchange = renderAll;
$('filter').oninput = renderAll;
$('pause').onchange = () => { if (!$('pause').checked) renderAll(); };
$('clear').onclick = () => run(async () => {
  await request({ op: 'clear', session: current });
  const s = sessions.get(current);
  s.entries = [];
  s.skipped = 0;
  renderAll();
}, 'log cleared');
$('close-session').onclick = () => run(() => request({ op: 'close', session: current }), 'session closed');
$('export-csv').onclick = () => download(`sockit-session-${current}.csv`, 'text/csv', csv(rowsForExport()));
$('export-json').onclick = () => download(`sockit-session-${current}.json`, 'application/json', JSON.stringify(rowsForExport(), null, 2));
$('history').onchange = () => {
  const h = history()[+$('history').value];
  if (h) { $('send-data').value = h.data; $('send-mode').value = h.mode; }
};
$('add-rule').onclick = () => {
  const s = sessions.get(current);
  s.rules.push({ match: 'contains', pattern: '', reply: '', replyMode: 'text' });
  renderRules(s);
};
$('apply-rules').onclick = () => run(() => {
  const s = sessions.get(current);
  const rules = s.rules.filter((r) => r.pattern || r.reply);
  for (const r of rules) {
    if (!r.pattern) throw new Error('each rule needs something to match');
    if (!r.reply) throw new Error(`rule "${r.pattern}" needs a reply`);
  }
  return request({ op: 'rules', session: current, encoding: $('encoding').value, rules });
}, (a) => `${a.rules} auto-reply rule(s) active`);

kindChanged();
renderHistory();
connect();

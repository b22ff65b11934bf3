// Bytes as the page shows them: decoded with the chosen encoding, or as hex. The server sends raw
// bytes (base64), so the view can switch after the fact without asking the server again.

export function fromBase64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function toHex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    s += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
  }
  return s;
}

const decoders = new Map();

/** Decodes bytes: UTF-8 and GBK through TextDecoder; ASCII and Latin-1 exactly (TextDecoder maps both to windows-1252). */
export function decode(bytes, encoding) {
  if (encoding === 'US-ASCII') {
    let s = '';
    for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : '\ufffd';
    return s;
  }
  if (encoding === 'ISO-8859-1') {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return s;
  }
  let d = decoders.get(encoding);
  if (!d) {
    d = new TextDecoder(encoding.toLowerCase(), { fatal: false });
    decoders.set(encoding, d);
  }
  return d.decode(bytes);
}

const NAMED = { '\r': '\\r', '\n': '\\n', '\t': '\\t', '\0': '\\0' };

/** Splits text into plain runs and visible escapes for control characters: [[text, isEscape], ...]. */
export function visible(text) {
  const parts = [];
  let plain = '';
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x20 || c === 0x7f) {
      if (plain) { parts.push([plain, false]); plain = ''; }
      parts.push([NAMED[ch] ?? '\\x' + c.toString(16).padStart(2, '0'), true]);
      if (ch === '\n') parts.push(['\n', false]);
    } else {
      plain += ch;
    }
  }
  if (plain) parts.push([plain, false]);
  return parts;
}

export function formatBytes(n) {
  if (n < 1024) return String(n);
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' Ki';
  return (n / 1024 / 1024).toFixed(1) + ' Mi';
}

export function formatTime(ms) {
  const d = new Date(ms);
  const p = (v, n = 2) => String(v).padStart(n, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function formatDuration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const p = (v) => String(v).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

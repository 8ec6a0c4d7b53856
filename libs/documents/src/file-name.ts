/** Longest stored name, in characters (the extension is kept when a name is cut). */
export const MAX_NAME_LENGTH = 200;

// C0 and C1 controls, bidirectional overrides and isolates, zero-width and other invisible format characters
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/gu;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment only
 * (a browser may send `C:\Users\x\a.pdf`), no controls, no bidi overrides (`invoice\u202Efdp.exe`), no
 * lone surrogates, no leading dots, reserved characters replaced, at most MAX_NAME_LENGTH characters.
 * Falls back to `document` when nothing is left.
 */
export function sanitiseFileName(raw: string | undefined | null): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  name = name.replace(UNSAFE, '');
  name = name.replace(/[<>:"|?*]/g, '_');
  name = name.replace(/\s+/g, ' ').trim();
  name = name.replace(/^\.+/, '').trim();
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, MAX_NAME_LENGTH - Array.from(ext).length).join('') + ext;
  }
  return name || 'document';
}

/** The extension of a name, lower case, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** RFC 6266 / RFC 8187: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const escapeXml = (s: string) =>
  s
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // characters XML 1.0 cannot carry at all
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/**
 * A minimal XML element builder with escaping. (xmlbuilder2's DOM does not survive the test
 * transform; IATI needs only elements, attributes and text.)
 */
export class XmlNode {
  private readonly children: XmlNode[] = [];
  private text?: string;

  constructor(
    readonly name: string,
    private readonly attrs: Record<string, string> = {},
  ) {}

  ele(name: string, attrs: Record<string, string> = {}): XmlNode {
    const child = new XmlNode(name, attrs);
    this.children.push(child);
    return child;
  }

  txt(text: string): this {
    this.text = text;
    return this;
  }

  private render(depth: number): string {
    const pad = '  '.repeat(depth);
    const attrs = Object.entries(this.attrs)
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    if (this.text !== undefined) return `${pad}<${this.name}${attrs}>${escapeXml(this.text)}</${this.name}>`;
    if (!this.children.length) return `${pad}<${this.name}${attrs}/>`;
    return `${pad}<${this.name}${attrs}>\n${this.children.map((c) => c.render(depth + 1)).join('\n')}\n${pad}</${this.name}>`;
  }

  document(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${this.render(0)}\n`;
  }
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );
}

/** A template tag that escapes every interpolated value unless it is already {@link SafeHtml}. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const rendered = Array.isArray(value)
      ? value.map((item) => (item instanceof SafeHtml ? item.value : escapeHtml(item))).join('')
      : value instanceof SafeHtml
        ? value.value
        : value === undefined || value === null || value === false
          ? ''
          : escapeHtml(value);
    out += rendered + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

const styles = `
body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}
h1{font-size:1.5rem}label{display:block;margin:.75rem 0 .25rem}
input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{margin-top:1rem;font-size:1rem;padding:.45rem 1rem}
.flash{background:#eef6ee;border:1px solid #9c9;padding:.5rem}
.error{background:#fbeaea;border:1px solid #d99;padding:.5rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
code{word-break:break-all}nav{margin-bottom:1rem;color:#555}`;

/** The page frame: no script at all, one inline style block allowed by helmet's default CSP. */
export function page(options: {
  title: string;
  provider: string;
  body: SafeHtml;
  message?: string;
  error?: string;
}) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${options.title} · idport example</title><style>${new SafeHtml(styles)}</style></head>
<body><nav>idport example · provider <strong id="provider">${options.provider}</strong></nav>
<h1>${options.title}</h1>
${options.message ? html`<p class="flash" role="status">${options.message}</p>` : ''}
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${options.body}
</body></html>`.value;
}

/** The hidden CSRF field every form carries. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

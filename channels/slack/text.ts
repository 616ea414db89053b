// Inbound Slack text → plain text for the agent: the bot's own mention removed, Slack's
// link and mention markup simplified, its three HTML entities decoded.

/** Removes mentions of the bot (`<@U123>` or `<@U123|name>`); without a known bot id, the leading mention. */
export function stripMention(text: string, botUserId?: string): string {
  if (botUserId) {
    const escaped = botUserId.replace(/[^A-Za-z0-9_]/g, "");
    return text.replace(new RegExp(`<@${escaped}(\\|[^>]*)?>`, "g"), "").replace(/[ \t]{2,}/g, " ").trim();
  }
  return text.replace(/^\s*<@[A-Z0-9_]+(\|[^>]*)?>[\s,:]*/, "").trim();
}

/**
 * `<https://x|label>` → `label (https://x)`, `<https://x>` → `https://x`, `<mailto:a@b|a@b>` → `a@b`,
 * `<#C1|general>` → `#general`, `<@U1|ann>` → `@ann`, `<!here>` → `@here`; then `&lt; &gt; &amp;` decoded.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<([^<>]+)>/g, (_m, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
      if (target.startsWith("@")) return label ? `@${label}` : `<${target}>`;
      if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
      if (target.startsWith("mailto:")) return label ?? target.slice(7);
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

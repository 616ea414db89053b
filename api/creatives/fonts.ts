// The card's fonts, registered once per process from npm packages (Noto Sans, SIL Open
// Font License 1.1, @fontsource/*): nothing is read from the system or downloaded. Each
// subset file gets its own family name; the card's font list names them all, so Skia
// picks, glyph by glyph, the first family that has it (Latin, Cyrillic, Greek, Vietnamese,
// Devanagari, Arabic). Other scripts (CJK, Thai, emoji…) fall back to whatever fonts the
// host has, or draw as empty boxes — never an error.
import { fileURLToPath } from "node:url";
import { GlobalFonts } from "@napi-rs/canvas";

const FILES: Array<[pkg: string, file: string]> = [
  ["@fontsource/noto-sans", "noto-sans-latin"],
  ["@fontsource/noto-sans", "noto-sans-latin-ext"],
  ["@fontsource/noto-sans", "noto-sans-vietnamese"],
  ["@fontsource/noto-sans", "noto-sans-cyrillic"],
  ["@fontsource/noto-sans", "noto-sans-greek"],
  ["@fontsource/noto-sans-devanagari", "noto-sans-devanagari-devanagari"],
  ["@fontsource/noto-sans-arabic", "noto-sans-arabic-arabic"],
];
const WEIGHTS = [400, 700] as const;

let families: string[] | null = null;

/** Register the bundled fonts (once) and return the family list to use in `ctx.font`. */
export function cardFonts(): string {
  if (!families) {
    const names: string[] = [];
    for (const [pkg, file] of FILES) {
      const family = `GrowAI ${file.replace(/^noto-sans-/, "")}`;
      for (const weight of WEIGHTS) {
        const path = fileURLToPath(import.meta.resolve(`${pkg}/files/${file}-${weight}-normal.woff`));
        if (!GlobalFonts.registerFromPath(path, family)) throw new Error(`could not load the font ${file}-${weight}`);
      }
      names.push(`"${family}"`);
    }
    families = names;
  }
  return families.join(", ");
}

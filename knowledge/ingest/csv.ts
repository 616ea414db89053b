// FAQ CSV → one section per row (question → answer), with csv-parse. Reads what owners
// export from Excel, Google Sheets or Numbers: UTF-8 with or without BOM (or Windows-1252),
// `,` `;` or tab delimiters (detected from the first line), quoted answers spanning lines.
// A header row is recognized by its names (question/answer, and optionally tags/category);
// without one, column 1 is the question and column 2 the answer. Bad rows are skipped with
// a reason naming the row; a file with no usable row is refused with those reasons.
import { CsvError, parse } from "csv-parse/sync";
import { decodeText } from "./decode.js";
import { DocumentError, type IngestLimits, type ParsedDocument, type Section } from "./types.js";

const QUESTION = /^(questions?|q|faq|query|queries|ask|asked|pregunta|frage|prashn)$/;
const ANSWER = /^(answers?|a|reply|replies|response|responses|respuesta|antwort)$/;
const TAGS = /^(tags?|categor(y|ies)|topics?|sections?|keywords?)$/;
const MAX_QUESTION = 280;
const MAX_ANSWER = 8000;

interface Columns {
  question: number;
  answer: number;
  tags: number | null;
}

/** The delimiter used most outside quotes on the first line (`,` when none). */
export function detectDelimiter(text: string): string {
  let inQuotes = false;
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  for (const ch of text.slice(0, 10_000)) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === "\n") break;
    else if (!inQuotes && ch in counts) counts[ch]! += 1;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ",";
}

const norm = (cell: string) => cell.toLowerCase().replace(/[^a-z]/g, "");

function headerColumns(row: string[]): Columns | null {
  const names = row.map(norm);
  const question = names.findIndex((n) => QUESTION.test(n));
  const answer = names.findIndex((n) => ANSWER.test(n));
  if (question < 0 || answer < 0 || question === answer) return null;
  const tags = names.findIndex((n) => TAGS.test(n));
  return { question, answer, tags: tags >= 0 ? tags : null };
}

function tagsOf(cell: string | undefined): string[] {
  if (!cell) return [];
  return [...new Set(cell.split(/[,;|/]/).map((t) => t.trim().toLowerCase().slice(0, 40)).filter(Boolean))].slice(0, 10);
}

export function parseFaqCsv(bytes: Uint8Array, limits: Pick<IngestLimits, "maxRows">): ParsedDocument {
  const text = decodeText(bytes, "CSV file");
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true, delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")), relax_column_count: true, skip_empty_lines: true,
      trim: true, info: true, max_record_size: 64 * 1024,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new DocumentError(`This CSV could not be read${line ? ` (near line ${line})` : ""}: ${csvReason(err)}`);
    }
    throw err;
  }
  const rows = records.filter((r) => r.record.some((c) => c !== ""));
  if (!rows.length) throw new DocumentError("This CSV is empty — I need a question column and an answer column.");
  const header = headerColumns(rows[0]!.record);
  const cols: Columns = header ?? { question: 0, answer: 1, tags: rows[0]!.record.length >= 3 ? 2 : null };
  const data = header ? rows.slice(1) : rows;
  if (!header && rows[0]!.record.length < 2) {
    throw new DocumentError("This CSV has one column. I need a question column and an answer column (e.g. a header row: question,answer).");
  }
  if (data.length > limits.maxRows) {
    throw new DocumentError(`This CSV has ${data.length} rows; the most I can take is ${limits.maxRows}. Please split it.`);
  }
  const sections: Section[] = [];
  const skipped: string[] = [];
  for (const { record, info } of data) {
    const at = `row ${info.lines}`;
    const question = (record[cols.question] ?? "").replace(/\s+/g, " ").trim();
    const answer = (record[cols.answer] ?? "").trim();
    if (!question && !answer) continue;
    if (!question) skipped.push(`${at}: the question is empty`);
    else if (!answer) skipped.push(`${at}: the answer to “${question.slice(0, 60)}” is empty`);
    else if (question.length > MAX_QUESTION) skipped.push(`${at}: the question is longer than ${MAX_QUESTION} characters`);
    else if (answer.length > MAX_ANSWER) skipped.push(`${at}: the answer is longer than ${MAX_ANSWER} characters`);
    else sections.push({ heading: question, content: answer, tags: cols.tags === null ? [] : tagsOf(record[cols.tags]) });
  }
  if (!sections.length) {
    throw new DocumentError("This CSV has no usable rows: each row needs a question and an answer.", skipped.slice(0, 20));
  }
  return { sections, skipped, rows: data.length };
}

function csvReason(err: CsvError): string {
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell is never closed (a missing \")";
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "a quote inside a cell is not doubled (write \"\" for a quote inside quotes)";
    case "CSV_MAX_RECORD_SIZE":
      return "a row is larger than 64 KB";
    default:
      return err.message.replace(/^Invalid Record Length: /, "").slice(0, 200);
  }
}

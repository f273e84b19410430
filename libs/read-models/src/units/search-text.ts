/** Folds text for diacritic- and case-insensitive search: `Trường Đại học` → `truong dai hoc`. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** A LIKE pattern matching the folded text anywhere; `%`, `_` and `\` in it match themselves (ESCAPE '\'). */
export function containsPattern(query: string): string {
  return `%${foldForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

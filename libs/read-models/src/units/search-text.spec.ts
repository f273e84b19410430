import { containsPattern, foldForSearch } from './search-text';

describe('foldForSearch', () => {
  it('drops case and diacritics, whether the text is precomposed or decomposed', () => {
    expect(foldForSearch('Trường Tiểu học')).toBe('truong tieu hoc');
    expect(foldForSearch('Trường Tiểu học'.normalize('NFD'))).toBe('truong tieu hoc');
  });

  it('maps đ and Đ to d (they are letters of their own, not d with a mark)', () => {
    expect(foldForSearch('Đội Đo đạc')).toBe('doi do dac');
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards so that they match literally', () => {
    expect(containsPattern('50%_Á\\')).toBe('%50\\%\\_a\\\\%');
  });
});

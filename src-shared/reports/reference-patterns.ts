// The office's customer, file and policy numbers unless it says otherwise: two or three capital
// letters, a dash and digits ("ZD-4471", "ABC-120034"), never part of a longer reference such as
// a case's own "CMP-2026-000042". Its own module, so the PDF worker need not load the settings.
export const DEFAULT_REFERENCE_PATTERNS = ['(?<![\\p{L}\\p{N}-])[A-Z]{2,3}-\\d{3,}(?![\\p{L}\\p{N}-])'];

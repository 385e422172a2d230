// A select's options with the current value kept in front when the list no longer holds it (a
// service deleted meanwhile, a filter from an old link): it stays selectable, so the server can say
// what is wrong instead of the form silently choosing something else.
export const withCurrent = (values: string[], current: string): string[] => (current && !values.includes(current) ? [current, ...values] : values);

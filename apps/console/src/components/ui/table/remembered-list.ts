// A list's last search, sort, filters and page, so that an editor opened from the list goes back
// to the same rows once saved (the editor's own URL does not carry them). Per tab, like history.
const KEY = (pathname: string) => `tta.list:${pathname}`;

export function rememberListQuery(pathname: string, query: string): void {
  try {
    if (query) sessionStorage.setItem(KEY(pathname), query);
    else sessionStorage.removeItem(KEY(pathname));
  } catch {
    // Storage refused (private mode, quota): the list simply opens plain.
  }
}

/** "/routes?q=api&page=2", or the bare path when nothing was remembered. */
export function rememberedListHref(pathname: string): string {
  try {
    const query = sessionStorage.getItem(KEY(pathname));
    return query ? `${pathname}?${query}` : pathname;
  } catch {
    return pathname;
  }
}

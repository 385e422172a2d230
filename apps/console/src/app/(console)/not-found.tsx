import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="muted">There is nothing at this address. It may have been deleted, or the link may be mistyped.</p>
      <p>
        <Link href="/">Go to the start page</Link> or pick a page from the menu.
      </p>
    </>
  );
}

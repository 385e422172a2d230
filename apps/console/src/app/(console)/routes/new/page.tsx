import type { Metadata } from "next";
import Link from "next/link";
import { RouteEditor } from "@/components/routes/route-editor";

export const metadata: Metadata = { title: "New route" };

export default function Page() {
  return (
    <>
      <p className="crumbs">
        <Link href="/routes">Routes</Link> / New
      </p>
      <h1>New route</h1>
      <RouteEditor />
    </>
  );
}

import type { Metadata } from "next";
import { RouteEditor } from "@/components/routes/route-editor";

export const metadata: Metadata = { title: "New route" };

export default function Page() {
  return (
    <>
      <h1>New route</h1>
      <RouteEditor />
    </>
  );
}

import type { Metadata } from "next";
import { AdminsOnly } from "@/components/access/admins-only";
import { RouteEditor } from "@/components/routes/route-editor";

export const metadata: Metadata = { title: "New route" };

export default function Page() {
  return (
    <>
      <h1>New route</h1>
      <AdminsOnly things="routes" backHref="/routes" backLabel="Back to the routes">
        <RouteEditor />
      </AdminsOnly>
    </>
  );
}

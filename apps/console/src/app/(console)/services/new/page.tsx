import type { Metadata } from "next";
import { AdminsOnly } from "@/components/access/admins-only";
import { ServiceEditor } from "@/components/services/service-editor";

export const metadata: Metadata = { title: "New service" };

export default function Page() {
  return (
    <>
      <h1>New service</h1>
      <AdminsOnly things="services" backHref="/services" backLabel="Back to the services">
        <ServiceEditor />
      </AdminsOnly>
    </>
  );
}

import type { Metadata } from "next";
import { AdminsOnly } from "@/components/access/admins-only";
import { RateLimitEditor } from "@/components/policies/rate-limit-editor";

export const metadata: Metadata = { title: "New rate-limit policy" };

export default function Page() {
  return (
    <>
      <h1>New rate-limit policy</h1>
      <AdminsOnly things="policies" backHref="/policies" backLabel="Back to the policies">
        <RateLimitEditor />
      </AdminsOnly>
    </>
  );
}

import type { Metadata } from "next";
import { AdminsOnly } from "@/components/access/admins-only";
import { AuthEditor } from "@/components/policies/auth-editor";

export const metadata: Metadata = { title: "New auth policy" };

export default function Page() {
  return (
    <>
      <h1>New auth policy</h1>
      <AdminsOnly things="policies" backHref="/policies" backLabel="Back to the policies">
        <AuthEditor />
      </AdminsOnly>
    </>
  );
}

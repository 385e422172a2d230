import type { Metadata } from "next";
import { AuthEditor } from "@/components/policies/auth-editor";

export const metadata: Metadata = { title: "New auth policy" };

export default function Page() {
  return (
    <>
      <h1>New auth policy</h1>
      <AuthEditor />
    </>
  );
}

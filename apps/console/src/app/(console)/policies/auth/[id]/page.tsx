import type { Metadata } from "next";
import { AuthEditor } from "@/components/policies/auth-editor";

export const metadata: Metadata = { title: "Auth policy" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <h1>Auth policy</h1>
      <AuthEditor id={decodeURIComponent(id)} />
    </>
  );
}

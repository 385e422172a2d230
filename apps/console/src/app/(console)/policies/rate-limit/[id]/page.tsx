import type { Metadata } from "next";
import { RateLimitEditor } from "@/components/policies/rate-limit-editor";

export const metadata: Metadata = { title: "Rate-limit policy" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <h1>Rate-limit policy</h1>
      <RateLimitEditor id={decodeURIComponent(id)} />
    </>
  );
}

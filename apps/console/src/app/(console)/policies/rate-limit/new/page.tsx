import type { Metadata } from "next";
import { RateLimitEditor } from "@/components/policies/rate-limit-editor";

export const metadata: Metadata = { title: "New rate-limit policy" };

export default function Page() {
  return (
    <>
      <h1>New rate-limit policy</h1>
      <RateLimitEditor />
    </>
  );
}

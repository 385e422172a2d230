import type { Metadata } from "next";
import { ServiceEditor } from "@/components/services/service-editor";

export const metadata: Metadata = { title: "New service" };

export default function Page() {
  return (
    <>
      <h1>New service</h1>
      <ServiceEditor />
    </>
  );
}
